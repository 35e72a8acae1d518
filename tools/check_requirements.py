"""Exit 0 when every requirement of a requirements file is installed.

pip itself takes several seconds even when nothing is missing; this check
takes a fraction of that, so ``make test`` stays quick on a ready machine.
"""

import sys
from importlib import metadata

from packaging.requirements import Requirement


def missing(path):
    """Requirement lines of path that the running Python does not satisfy."""
    result = []
    with open(path) as handle:
        for raw in handle:
            line = raw.split("#", 1)[0].strip()
            if not line or line.startswith("-"):
                continue
            req = Requirement(line)
            if req.marker and not req.marker.evaluate():
                continue
            try:
                version = metadata.version(req.name)
            except metadata.PackageNotFoundError:
                result.append(line)
                continue
            if req.specifier and not req.specifier.contains(version, prereleases=True):
                result.append(f"{line} (have {version})")
    return result


if __name__ == "__main__":
    todo = missing(sys.argv[1])
    print(", ".join(todo))
    sys.exit(1 if todo else 0)
