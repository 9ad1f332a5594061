"""Structured logs for production: one JSON object a line, with the request id and the user id
of the request being served, and nothing personal.

- a log record's own message is kept (the application's messages name ids, never addresses);
- an exception is logged by its type and where it happened, without its message: a database
  error's message can quote the values of a row (an address key), a traceback's file and line
  names cannot;
- ``RequestLogMiddleware`` writes one line per request: method, path (never the query string,
  which can hold a search for an address), status, duration, request id and user id.
"""
import contextvars
import json
import logging
import time
import traceback
from datetime import UTC, datetime

_request = contextvars.ContextVar("lsi_request", default=None)


def current_request():
    return _request.get()


def bind(request):
    """Make ``request`` the one the logs of this thread or task name, until ``unbind``."""
    return _request.set(request)


def unbind(token) -> None:
    _request.reset(token)


def _user_id(request):
    # Only a user the request has already loaded: logging must never query the database.
    user = getattr(request, "_cached_user", None)
    return user.pk if user is not None and user.is_authenticated else None


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = current_request()
        if request is not None:
            entry["request_id"] = getattr(request, "request_id", None)
            entry["user_id"] = _user_id(request)
        for name in ("method", "path", "status", "ms", "directive", "blocked", "page"):
            if hasattr(record, name):
                entry[name] = getattr(record, name)
        if record.exc_info and record.exc_info[0] is not None:
            kind, _value, trace = record.exc_info
            entry["exception"] = kind.__name__
            entry["where"] = [f"{frame.filename}:{frame.lineno} {frame.name}"
                              for frame in traceback.extract_tb(trace)][-8:]
        return json.dumps(entry, ensure_ascii=False)


request_logger = logging.getLogger("lsi.request")


def with_request_log(middleware: list[str]) -> list[str]:
    """``middleware`` with RequestLogMiddleware right after the request id is set."""
    after = middleware.index("lsi.middleware.RequestIdMiddleware") + 1
    return [*middleware[:after], "lsi.logs.RequestLogMiddleware", *middleware[after:]]


class RequestLogMiddleware:
    """Binds the request for the logs and writes one line when it is answered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = bind(request)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            request_logger.info("request", extra={
                "method": request.method, "path": request.path, "status": response.status_code,
                "ms": round((time.monotonic() - started) * 1000, 1)})
            return response
        finally:
            unbind(token)
