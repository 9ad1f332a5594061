"""Every access-log event is named once, in an app's events.py, and every named event is used."""
import ast
import importlib
from pathlib import Path

import pytest

from projects import accesslog

ROOT = Path(__file__).resolve().parent.parent
APPS = ["projects", "signals", "casetable", "lsi"]


def _code_files():
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def _event_modules():
    return [path for path in _code_files() if path.name == "events.py"]


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def _constants(path: Path) -> dict[str, str]:
    module = importlib.import_module(_module_name(path))
    return {name: value for name, value in vars(module).items() if name.isupper()}


def _class_events(tree) -> list:
    """``events.X`` given as a view class's ``event`` (``event, object_type = events.X, "..."``):
    the class's calls log ``self.event``, which is that constant."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
            names = [t.id for t in getattr(target, "elts", [target]) if isinstance(t, ast.Name)]
            values = list(getattr(value, "elts", [value]))
            if "event" in names and len(values) == len(names):
                value = values[names.index("event")]
                if not (isinstance(value, ast.Constant) and value.value == ""):  # a base's blank
                    found.append(value)
    return found


def _log_calls():
    """(file, line, first event argument) of every record() and logs_denied() call in the code;
    a call that logs ``self.event`` stands for each ``event`` constant of the file's classes."""
    for path in _code_files():
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            position = {"record": 1, "logs_denied": 0}.get(name)
            if position is not None and len(node.args) > position and path.name != "accesslog.py":
                argument = node.args[position]
                if isinstance(argument, ast.Attribute) and getattr(argument.value, "id", "") == "self" \
                        and argument.attr == "event":
                    for constant in _class_events(tree):
                        yield path, constant.lineno, constant
                else:
                    yield path, node.lineno, argument


def test_every_registered_event_comes_from_an_events_module():
    named = {value for path in _event_modules() for value in _constants(path).values()}
    assert named == set(accesslog.EVENTS) - {"test"}  # tests/conftest.py logs "test"
    assert len(named) >= 20


def test_every_logged_access_names_a_registered_event_constant():
    constants = {}
    for path in _event_modules():
        constants.update(_constants(path))
    for path, line, argument in _log_calls():
        where = f"{path.relative_to(ROOT)}:{line}"
        assert isinstance(argument, ast.Attribute) and isinstance(argument.value, ast.Name) \
            and argument.value.id == "events", f"{where}: log an events.<NAME> constant"
        assert argument.attr in constants, f"{where}: events.{argument.attr} is not registered"


def test_every_registered_event_is_logged_somewhere():
    used = {argument.attr for _path, _line, argument in _log_calls()
            if isinstance(argument, ast.Attribute)}
    for path in _event_modules():
        for name in _constants(path):
            assert name in used, f"{path.relative_to(ROOT)}: {name} is registered but never logged"


def test_an_unregistered_event_is_refused(db):
    with pytest.raises(ValueError, match="not registered"):
        accesslog.record(None, "signalen.bekeken_typo", object_type="signal")
    with pytest.raises(ValueError, match="not registered"):
        accesslog.logs_denied("nergens.geregistreerd", "signal")
