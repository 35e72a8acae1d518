"""Write each addon's README.rst from its readme/*.md fragments (as OCA does).

``--check`` exits 1 when a README.rst is missing or stale, for pre-commit.
"""

import ast
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECTIONS = [
    ("DESCRIPTION.md", None),
    ("INSTALL.md", "Installation"),
    ("CONFIGURE.md", "Configuration"),
    ("USAGE.md", "Usage"),
    ("ROADMAP.md", "Known issues / Roadmap"),
    ("CONTRIBUTORS.md", "Contributors"),
]


def _md_to_rst(text):
    """Fragments use a small Markdown subset; keep it readable as reST."""
    lines = []
    for line in text.strip().splitlines():
        stripped = line.lstrip("#").strip()
        if line.startswith("#"):
            lines += [stripped, "~" * len(stripped)]
        else:
            lines.append(line.replace("`", "``").replace("````", "``"))
    return "\n".join(lines)


def render(addon_dir):
    with open(os.path.join(addon_dir, "__manifest__.py")) as handle:
        manifest = ast.literal_eval(handle.read())
    title = manifest["name"]
    out = [
        ".. This file is generated from readme/*.md by tools/gen_readme.py.",
        "",
        "=" * len(title),
        title,
        "=" * len(title),
        "",
        f"**{manifest['summary']}**",
        "",
        f"License: {manifest['license']}. Version: {manifest['version']}.",
        "",
    ]
    for filename, heading in SECTIONS:
        path = os.path.join(addon_dir, "readme", filename)
        if not os.path.exists(path):
            continue
        with open(path) as handle:
            body = _md_to_rst(handle.read())
        if heading:
            out += [heading, "=" * len(heading), ""]
        out += [body, ""]
    return "\n".join(out)


def main():
    check = "--check" in sys.argv
    stale = []
    addons = os.path.join(ROOT, "addons")
    for name in sorted(os.listdir(addons)):
        addon_dir = os.path.join(addons, name)
        if not os.path.exists(os.path.join(addon_dir, "__manifest__.py")):
            continue
        text = render(addon_dir)
        target = os.path.join(addon_dir, "README.rst")
        current = None
        if os.path.exists(target):
            with open(target) as handle:
                current = handle.read()
        if current != text:
            stale.append(target)
            if not check:
                with open(target, "w") as handle:
                    handle.write(text)
    if check and stale:
        print(
            "stale README.rst (run: python3 tools/gen_readme.py):", *stale, sep="\n  "
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
