"""JSON responses, errors, CORS and the allowed methods, shared by every API view."""

import functools
import logging
import re

from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

log = logging.getLogger(__name__)

ALLOWED_METHODS = "GET, HEAD, OPTIONS"
CACHE_CONTROL = "public, max-age=60"
PREFLIGHT_MAX_AGE = "86400"
# A comma-separated list of header names, as a browser sends in Access-Control-Request-Headers.
_TOKEN = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"
_HEADER_LIST = re.compile(rf"{_TOKEN}(?:[ \t]*,[ \t]*{_TOKEN})*")


class ApiError(Exception):
    """An error the client caused; becomes a JSON error response."""

    def __init__(self, status: int, code: str, message: str, parameter: str | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.parameter = parameter

    def as_dict(self) -> dict:
        error = {"code": self.code}
        if self.parameter is not None:
            error["parameter"] = self.parameter
        error["message"] = self.message
        return {"error": error}


class NotFound(ApiError):
    def __init__(self, message: str):
        super().__init__(404, "not_found", message)


class InvalidParameter(ApiError):
    def __init__(self, parameter: str, message: str):
        super().__init__(400, "invalid_parameter", message, parameter=parameter)


def json_response(data, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def error_response(error: ApiError) -> JsonResponse:
    return json_response(error.as_dict(), status=error.status)


def _preflight(request) -> HttpResponse:
    response = HttpResponse(status=204)
    response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
    requested = request.headers.get("Access-Control-Request-Headers", "").strip()
    if requested and _HEADER_LIST.fullmatch(requested):
        response["Access-Control-Allow-Headers"] = requested
    response["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
    return response


def api_view(view):
    """Serve a read-only JSON view: GET and HEAD, CORS preflight, JSON errors, cache headers."""

    @csrf_exempt
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        method = request.method
        if method == "OPTIONS":
            response = _preflight(request)
        elif method not in ("GET", "HEAD"):
            response = error_response(
                ApiError(
                    405,
                    "method_not_allowed",
                    f"{method[:20]} is not allowed here; this API is read-only (GET or HEAD).",
                )
            )
        else:
            try:
                response = view(request, *args, **kwargs)
            except ApiError as error:
                response = error_response(error)
            except Exception:  # noqa: BLE001 - an API client gets JSON even when we fail
                log.exception("API view %s failed for %s", view.__name__, request.path)
                response = error_response(
                    ApiError(500, "server_error", "Something went wrong on our side.")
                )
            if response.status_code == 200:
                response["Cache-Control"] = CACHE_CONTROL
            if method == "HEAD":
                length = len(response.content)
                response.content = b""
                response["Content-Length"] = str(length)
        response["Allow"] = ALLOWED_METHODS
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapper
