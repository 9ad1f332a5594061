"""The house's walls: apps import only downwards (import-linter, pyproject.toml), and no two
modules import each other, not even through an import inside a function."""
import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("lsi", "casetable", "signals", "projects")


def _cycles(graph) -> list[list[str]]:
    """Every import circle between modules of our packages (one path per circle found)."""
    found, state = [], {}

    def visit(module, path):
        state[module] = "open"
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if not imported.startswith(PACKAGES):
                continue
            if state.get(imported) == "open":
                found.append(path[path.index(imported):] + [imported])
            elif imported not in state:
                visit(imported, path + [imported])
        state[module] = "done"

    for module in sorted(graph.modules):
        if module.startswith(PACKAGES) and module not in state:
            visit(module, [module])
    return found


def test_no_module_imports_itself_through_others():
    sys.path.insert(0, str(ROOT))
    graph = grimp.build_graph(*PACKAGES, cache_dir=None)
    cycles = [cycle for cycle in _cycles(graph) if ".migrations." not in "".join(cycle)]
    assert cycles == []


def test_the_layers_contract_holds():
    result = subprocess.run([str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Apps import only from the apps below them KEPT" in result.stdout
