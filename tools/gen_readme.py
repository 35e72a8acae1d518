"""Write each addon's README.rst from its readme/*.md fragments, in the OCA layout.

The OCA generates these files with ``oca-gen-addon-readme`` (OCA
maintainer-tools).  That tool cannot be installed from the package index
this project uses (``pip download oca-maintainers-tools`` and
``oca-maintainer-tools`` find no distribution; the OCA installs it from its
git repository), and ``make lint`` installs its tools from the index only,
so this script stands in for it: the same fragments (DESCRIPTION, INSTALL,
CONFIGURE, USAGE, ROADMAP, DEVELOP, CONTRIBUTORS, CREDITS, HISTORY), the
same order and headings, the "generated" banner with a digest of the
sources, the maturity / license / repository badges, the table of contents,
Bug Tracker and Credits (Authors, Contributors, Other credits, Maintainers).
It leaves out what only applies to OCA repositories (the OCA banner,
Weblate and Runboat badges, the OCA maintainers' text).  Should
``oca-gen-addon-readme`` become installable, it reads the same fragments.

The fragments use a small Markdown subset: ``#`` headings, lists, emphasis,
inline code and fenced code blocks.

``--check`` exits 1 when a README.rst is missing or stale, for pre-commit.
"""

import ast
import hashlib
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# (fragment, heading, heading underline) in oca-gen-addon-readme's order
SECTIONS = [
    ("DESCRIPTION.md", None, None),
    ("INSTALL.md", "Installation", "="),
    ("CONFIGURE.md", "Configuration", "="),
    ("USAGE.md", "Usage", "="),
    ("ROADMAP.md", "Known issues / Roadmap", "="),
    ("DEVELOP.md", "Development", "="),
]
CREDIT_SECTIONS = [
    ("CONTRIBUTORS.md", "Contributors"),
    ("CREDITS.md", "Other credits"),
]
HISTORY = ("HISTORY.md", "Changelog")
MATURITY = {
    "Alpha": "red",
    "Beta": "yellow",
    "Production/Stable": "green",
    "Mature": "brightgreen",
}
LICENSES = {
    "LGPL-3": "http://www.gnu.org/licenses/lgpl-3.0-standalone.html",
    "AGPL-3": "http://www.gnu.org/licenses/agpl-3.0-standalone.html",
    "GPL-3": "http://www.gnu.org/licenses/gpl-3.0-standalone.html",
}


def _md_to_rst(text):
    """Fragments use a small Markdown subset; keep it readable as reST."""
    lines = []
    in_code = False
    for line in text.strip().splitlines():
        if line.startswith("```"):
            if not in_code:
                lines += ["::", ""]
            else:
                lines.append("")
            in_code = not in_code
            continue
        if in_code:
            lines.append(f"    {line}" if line else "")
            continue
        stripped = line.lstrip("#").strip()
        if line.startswith("#"):
            # below the sections' "=", as oca-gen-addon-readme's pandoc does
            underline = "-~^"[min(len(line) - len(line.lstrip("#")), 3) - 1]
            lines += [stripped, underline * len(stripped)]
        else:
            lines.append(line.replace("`", "``").replace("````", "``"))
    return "\n".join(lines)


def _fragment(addon_dir, filename):
    path = os.path.join(addon_dir, "readme", filename)
    if not os.path.exists(path):
        return None
    with open(path) as handle:
        return handle.read()


def _digest(addon_dir):
    """Digest of what the README is made of (the fragments and the manifest)."""
    digest = hashlib.sha256()
    names = ["__manifest__.py"] + [
        os.path.join("readme", name)
        for name in sorted(os.listdir(os.path.join(addon_dir, "readme")))
    ]
    for name in names:
        with open(os.path.join(addon_dir, name), "rb") as handle:
            digest.update(handle.read())
    return digest.hexdigest()


def _badges(manifest, addon):
    maturity = manifest.get("development_status", "Beta")
    licence = manifest["license"]
    website = manifest["website"].rstrip("/")
    repo = website.split("github.com/", 1)[-1]
    version = manifest["version"].split(".")
    branch = ".".join(version[:2])
    return [
        ".. |badge1| image:: https://img.shields.io/badge/maturity-"
        f"{maturity.replace('/', '%2F')}-{MATURITY.get(maturity, 'lightgray')}.png",
        "    :target: https://odoo-community.org/page/development-status",
        f"    :alt: {maturity}",
        ".. |badge2| image:: https://img.shields.io/badge/license-"
        f"{licence.replace('-', '--')}-blue.png",
        f"    :target: {LICENSES.get(licence, website)}",
        f"    :alt: License: {licence}",
        ".. |badge3| image:: https://img.shields.io/badge/github-"
        f"{repo.replace('-', '--').replace('/', '%2F')}-lightgray.png?logo=github",
        f"    :target: {website}/tree/{branch}/addons/{addon}",
        f"    :alt: {repo}",
        "",
        "|badge1| |badge2| |badge3|",
    ]


def render(addon_dir):
    # Over 60 lines on purpose: the OCA README.rst layout written top to
    # bottom, section by section, so that it reads like the file it makes.
    addon = os.path.basename(addon_dir)
    with open(os.path.join(addon_dir, "__manifest__.py")) as handle:
        manifest = ast.literal_eval(handle.read())
    title = manifest["name"]
    website = manifest["website"].rstrip("/")
    out = [
        "=" * len(title),
        title,
        "=" * len(title),
        "",
        "..",
        "   !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
        "   !! This file is generated by tools/gen_readme.py    !!",
        "   !! from readme/*.md: changes will be overwritten.   !!",
        "   !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
        f"   !! source digest: sha256:{_digest(addon_dir)}",
        "   !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
        "",
        *_badges(manifest, addon),
        "",
        f"**{manifest['summary']}**",
        "",
    ]
    for filename, heading, underline in SECTIONS:
        text = _fragment(addon_dir, filename)
        if text is None:
            continue
        if heading:
            out += [heading, underline * len(heading), ""]
        out += [_md_to_rst(text), ""]
        if filename == "DESCRIPTION.md":
            out += ["**Table of contents**", "", ".. contents::", "   :local:", ""]
    history = _fragment(addon_dir, HISTORY[0])
    if history is not None:
        out += [HISTORY[1], "=" * len(HISTORY[1]), "", _md_to_rst(history), ""]
    out += [
        "Bug Tracker",
        "===========",
        "",
        f"Bugs are tracked on `GitHub Issues <{website}/issues>`_.",
        "In case of trouble, please check there if your issue has already been",
        f"reported; name the module ``{addon}`` and its version "
        f"``{manifest['version']}``.",
        "",
        "Credits",
        "=======",
        "",
        "Authors",
        "-------",
        "",
        *(f"* {author.strip()}" for author in manifest["author"].split(",")),
        "",
    ]
    for filename, heading in CREDIT_SECTIONS:
        text = _fragment(addon_dir, filename)
        if text is not None:
            out += [heading, "-" * len(heading), "", _md_to_rst(text), ""]
    out += [
        "Maintainers",
        "-----------",
        "",
        f"This module is maintained by {manifest['author']}, as part of",
        f"`{website.split('github.com/', 1)[-1]} <{website}>`_ on GitHub.",
        "",
    ]
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
