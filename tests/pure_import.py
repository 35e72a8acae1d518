"""Import a pure module or package of an addon by path, without Odoo.

The engines live inside the addons (like queue_job's jobrunner), whose
``__init__`` imports Odoo; the pytest suite loads them by path instead.
"""

import importlib.util
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]


def load_pure(relative_path, name):
    """Load ``ROOT/relative_path`` (a .py file or a package folder) as ``name``.

    The module is cached in ``sys.modules`` under ``name``, so every test file
    that asks for the same engine shares one copy of it.
    """
    if name not in sys.modules:
        path = ROOT / relative_path
        if path.is_dir():
            spec = importlib.util.spec_from_file_location(
                name, path / "__init__.py", submodule_search_locations=[str(path)]
            )
        else:
            spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]
