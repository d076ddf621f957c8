"""The OpenAPI 3.0.3 document of the API, as a Python dict (served at /api/v1/openapi.json).

Every response schema is closed (no additional properties, every field required) so that a
schema check catches a field added, dropped or renamed in the views.
"""

import copy

from .params import DEFAULT_PAGE_SIZE, MAX_ID, MAX_PAGE_SIZE


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(schema: dict) -> dict:
    if "$ref" in schema:
        return {"nullable": True, "allOf": [schema]}
    return {**schema, "nullable": True}


def _object(properties: dict, description: str | None = None, optional=()) -> dict:
    schema = {
        "type": "object",
        "additionalProperties": False,
        "required": [name for name in properties if name not in optional],
        "properties": properties,
    }
    if description:
        schema["description"] = description
    return schema


STRING = {"type": "string"}
URL = {"type": "string", "format": "uri"}
DATE = {"type": "string", "format": "date"}
DATETIME = {"type": "string", "format": "date-time"}
ID = {"type": "integer", "format": "int64", "minimum": 1}
HTML = {"type": "string", "description": "HTML, internal links resolved."}
SLUG = {"type": "string"}


def _block(kind: str, properties: dict, description: str) -> dict:
    return _object({"type": {"type": "string", "enum": [kind]}, **properties}, description)


IMAGE_PROPERTIES = {
    "url": {**URL, "description": "A JPEG rendition at most 1200 pixels wide."},
    "width": {"type": "integer", "minimum": 1},
    "height": {"type": "integer", "minimum": 1},
    "alt": {**STRING, "description": "Empty when the image is decorative."},
    "caption": STRING,
    "credit": STRING,
    "decorative": {"type": "boolean"},
}

BLOCKS = {
    "ParagraphBlock": _block("paragraph", {"html": HTML}, "A paragraph of rich text."),
    "QuoteBlock": _block(
        "quote", {"text": STRING, "attribution": STRING}, "A quotation and who said it."
    ),
    "ImageBlock": _block("image", IMAGE_PROPERTIES, "A photo in the body."),
    "DocumentBlock": _block(
        "document",
        {
            "title": STRING,
            "description": STRING,
            "url": URL,
            "file_type": {**STRING, "description": 'The file extension, e.g. "pdf".'},
            "size": {
                "type": "integer",
                "minimum": 0,
                "nullable": True,
                "description": "In bytes.",
            },
        },
        "A file to download.",
    ),
    "EmbedBlock": _block(
        "embed",
        {"url": _nullable(URL), "title": STRING},
        "A video or map; the client builds the player from the address.",
    ),
    "TableBlock": _block(
        "table",
        {
            "caption": STRING,
            "header": {"type": "array", "items": STRING},
            "rows": {"type": "array", "items": {"type": "array", "items": STRING}},
        },
        "A table; header is empty when the table has no header row.",
    ),
    "CallToActionBlock": _block(
        "call_to_action",
        {"text": STRING, "url": _nullable(URL)},
        "A link readers should follow; url is null when its page is gone.",
    ),
    "LetterBlock": _block(
        "letter",
        {"id": ID, "title": STRING, "url": URL, "note": STRING},
        "A letter the city sent; see /letters/{id}/.",
    ),
}

BLOCK_TYPES = {
    "paragraph": "ParagraphBlock",
    "quote": "QuoteBlock",
    "image": "ImageBlock",
    "document": "DocumentBlock",
    "embed": "EmbedBlock",
    "table": "TableBlock",
    "call_to_action": "CallToActionBlock",
    "letter": "LetterBlock",
}

SCHEMAS = {
    "Error": _object(
        {
            "error": _object(
                {
                    "code": {
                        "type": "string",
                        "enum": [
                            "not_found",
                            "invalid_parameter",
                            "method_not_allowed",
                            "server_error",
                        ],
                    },
                    "parameter": {
                        **STRING,
                        "description": "The query parameter at fault (invalid_parameter only).",
                    },
                    "message": STRING,
                },
                optional=("parameter",),
            )
        }
    ),
    "Image": _object(IMAGE_PROPERTIES),
    "ReleaseRef": _object({"id": ID, "headline": STRING, "url": URL}),
    "TopicRef": _object({"slug": SLUG, "name": STRING, "url": URL}),
    "ReleaseSummary": _object(
        {
            "id": ID,
            "url": URL,
            "headline": STRING,
            "dek": STRING,
            "release_date": {**DATETIME, "description": "With the site's UTC offset."},
            "newsroom": {**SLUG, "description": "The newsroom's slug."},
            "topics": {"type": "array", "items": SLUG, "description": "Topic slugs."},
            "lead_image": _nullable(_ref("Image")),
        }
    ),
    "Release": _object(
        {
            "id": ID,
            "url": URL,
            "headline": STRING,
            "dek": STRING,
            "release_date": DATETIME,
            "first_published_at": _nullable(DATETIME),
            "last_published_at": _nullable(DATETIME),
            "dateline": _object(
                {
                    "city": STRING,
                    "state": STRING,
                    "text": {
                        **STRING,
                        "description": 'AP style, e.g. "Salem, Ore. (May 3, 2021) –"',
                    },
                }
            ),
            "newsroom": _object({"slug": SLUG, "title": STRING, "url": URL}),
            "lead_image": _nullable(_ref("Image")),
            "topics": {"type": "array", "items": _ref("TopicRef")},
            "officials": {
                "type": "array",
                "items": _object({"slug": SLUG, "name": STRING, "role": STRING, "url": URL}),
                "description": "Officials the editor confirmed, with their role in the release.",
            },
            "media_contact": _nullable(
                _object({"name": STRING, "title": STRING, "email": STRING, "phone": STRING})
            ),
            "related": {"type": "array", "items": _ref("ReleaseRef"), "maxItems": 5},
            "corrections": {
                "type": "array",
                "items": _object({"corrected_at": DATETIME, "text": STRING}),
                "description": "Corrections published after the release, oldest first.",
            },
            "body": {
                "type": "array",
                "items": {
                    "oneOf": [_ref(name) for name in BLOCK_TYPES.values()],
                    "discriminator": {
                        "propertyName": "type",
                        "mapping": {
                            kind: f"#/components/schemas/{name}"
                            for kind, name in BLOCK_TYPES.items()
                        },
                    },
                },
            },
        }
    ),
    "Official": _object(
        {
            "slug": SLUG,
            "name": STRING,
            "honorific": STRING,
            "url": URL,
            "title": {**STRING, "description": "The title held today; empty for past officials."},
            "portrait": _nullable(
                _object(
                    {
                        "url": URL,
                        "width": {"type": "integer", "minimum": 1},
                        "height": {"type": "integer", "minimum": 1},
                        "alt": STRING,
                    }
                )
            ),
            "bio": HTML,
            "email": STRING,
            "phone": STRING,
            "terms": {
                "type": "array",
                "items": _object(
                    {
                        "office": STRING,
                        "district": STRING,
                        "start": DATE,
                        "end": {**_nullable(DATE), "description": "Last day; null while serving."},
                    }
                ),
            },
        }
    ),
    "Topic": _object(
        {
            "slug": SLUG,
            "name": STRING,
            "description": STRING,
            "url": URL,
            "release_count": {"type": "integer", "minimum": 0},
        }
    ),
    "Person": _object(
        {
            "slug": SLUG,
            "name": STRING,
            "title_on_date": {**STRING, "description": "Their title on the letter's date."},
        }
    ),
    "LetterSummary": _object(
        {
            "id": ID,
            "title": STRING,
            "url": URL,
            "date": DATE,
            "recipient": _object({"name": STRING, "title": STRING, "organisation": STRING}),
            "requested_by": _nullable(_ref("Person")),
            "signatories": {"type": "array", "items": _ref("Person")},
            "document_url": _nullable(URL),
        }
    ),
    "Index": _object(
        {
            "name": STRING,
            "version": STRING,
            "endpoints": _object(
                {"releases": URL, "officials": URL, "topics": URL, "letters": URL}
            ),
            "schema": URL,
        }
    ),
    **BLOCKS,
}

SCHEMAS["Letter"] = copy.deepcopy(SCHEMAS["LetterSummary"])
SCHEMAS["Letter"]["properties"].update(
    text=HTML, citing_releases={"type": "array", "items": _ref("ReleaseRef")}
)
SCHEMAS["Letter"]["required"] += ["text", "citing_releases"]


def _page_of(item: str) -> dict:
    return _object(
        {
            "count": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "page_size": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            "next": _nullable(URL),
            "previous": _nullable(URL),
            "results": {"type": "array", "items": _ref(item), "maxItems": MAX_PAGE_SIZE},
        }
    )


for _name in ("ReleaseSummary", "Official", "Topic", "LetterSummary"):
    SCHEMAS[f"{_name}Page"] = _page_of(_name)

HEADERS_OK = {
    "Access-Control-Allow-Origin": {"schema": {"type": "string", "enum": ["*"]}},
    "Cache-Control": {"schema": {"type": "string", "enum": ["public, max-age=60"]}},
}
HEADERS_ERROR = {"Access-Control-Allow-Origin": HEADERS_OK["Access-Control-Allow-Origin"]}


def _ok(schema_name: str, description: str) -> dict:
    return {
        "description": description,
        "headers": HEADERS_OK,
        "content": {"application/json": {"schema": _ref(schema_name)}},
    }


def _error(description: str) -> dict:
    return {
        "description": description,
        "headers": HEADERS_ERROR,
        "content": {"application/json": {"schema": _ref("Error")}},
    }


PARAMETERS = {
    "page": {
        "name": "page",
        "in": "query",
        "description": "Page number, from 1. A page past the last one is a 400.",
        "schema": {"type": "integer", "minimum": 1, "default": 1},
    },
    "page_size": {
        "name": "page_size",
        "in": "query",
        "description": f"Items per page, 1 to {MAX_PAGE_SIZE}.",
        "schema": {
            "type": "integer",
            "minimum": 1,
            "maximum": MAX_PAGE_SIZE,
            "default": DEFAULT_PAGE_SIZE,
        },
    },
    "newsroom": {
        "name": "newsroom",
        "in": "query",
        "description": "Only releases of the newsroom with this slug. An unknown slug is a 400.",
        "schema": {"type": "string", "pattern": r"^[-\w]+$"},
        "example": "news",
    },
    "topic": {
        "name": "topic",
        "in": "query",
        "description": "Only releases on the topic with this slug. An unknown slug is a 400.",
        "schema": {"type": "string", "pattern": r"^[-a-zA-Z0-9_]+$"},
        "example": "parks",
    },
    "official": {
        "name": "official",
        "in": "query",
        "description": "Only releases that name this official (confirmed mentions). An "
        "unknown slug is a 400.",
        "schema": {"type": "string", "pattern": r"^[-a-zA-Z0-9_]+$"},
        "example": "ines-park",
    },
    "from": {
        "name": "from",
        "in": "query",
        "description": "Only releases dated on or after this day, in the city's time zone.",
        "schema": DATE,
        "example": "2021-01-01",
    },
    "to": {
        "name": "to",
        "in": "query",
        "description": "Only releases dated on or before this day, in the city's time zone. "
        "Before `from` is a 400.",
        "schema": DATE,
        "example": "2024-12-31",
    },
    "id": {
        "name": "id",
        "in": "path",
        "required": True,
        "schema": {**ID, "maximum": MAX_ID},
    },
    "official_slug": {
        "name": "slug",
        "in": "path",
        "required": True,
        "schema": {"type": "string", "pattern": r"^[-a-zA-Z0-9_]+$"},
        "example": "ines-park",
    },
    "topic_slug": {
        "name": "slug",
        "in": "path",
        "required": True,
        "schema": {"type": "string", "pattern": r"^[-a-zA-Z0-9_]+$"},
        "example": "parks",
    },
}


def _params(*names: str) -> list:
    return [{"$ref": f"#/components/parameters/{name}"} for name in names]


def _get(operation_id: str, summary: str, responses: dict, parameters=(), tag=None) -> dict:
    operation = {"operationId": operation_id, "summary": summary, "responses": responses}
    if parameters:
        operation["parameters"] = _params(*parameters)
    if tag:
        operation["tags"] = [tag]
    return {"get": operation}


BAD_QUERY = _error("A query parameter is malformed or names nothing; `parameter` says which.")
PAGING = ("page", "page_size")

PATHS = {
    "/": _get("index", "Links to the endpoints and this document", {"200": _ok("Index", "OK")}),
    "/openapi.json": _get(
        "openapi",
        "This OpenAPI document",
        {
            "200": {
                "description": "The OpenAPI 3.0.3 document",
                "headers": HEADERS_OK,
                "content": {"application/json": {"schema": {"type": "object"}}},
            }
        },
    ),
    "/releases/": _get(
        "listReleases",
        "Published releases, newest first",
        {"200": _ok("ReleaseSummaryPage", "A page of releases"), "400": BAD_QUERY},
        ("newsroom", "topic", "official", "from", "to", *PAGING),
        tag="releases",
    ),
    "/releases/{id}/": _get(
        "getRelease",
        "One published release, with its body",
        {"200": _ok("Release", "The release"), "404": _error("No published release has this id.")},
        ("id",),
        tag="releases",
    ),
    "/officials/": _get(
        "listOfficials",
        "Officials, present and past, by name",
        {"200": _ok("OfficialPage", "A page of officials"), "400": BAD_QUERY},
        PAGING,
        tag="officials",
    ),
    "/officials/{slug}/": _get(
        "getOfficial",
        "One official",
        {"200": _ok("Official", "The official"), "404": _error("No official has this slug.")},
        ("official_slug",),
        tag="officials",
    ),
    "/topics/": _get(
        "listTopics",
        "Topics by name, with how many published releases each has",
        {"200": _ok("TopicPage", "A page of topics"), "400": BAD_QUERY},
        PAGING,
        tag="topics",
    ),
    "/topics/{slug}/": _get(
        "getTopic",
        "One topic",
        {"200": _ok("Topic", "The topic"), "404": _error("No topic has this slug.")},
        ("topic_slug",),
        tag="topics",
    ),
    "/letters/": _get(
        "listLetters",
        "Published letters, newest first",
        {"200": _ok("LetterSummaryPage", "A page of letters"), "400": BAD_QUERY},
        PAGING,
        tag="letters",
    ),
    "/letters/{id}/": _get(
        "getLetter",
        "One published letter, with the releases citing it",
        {"200": _ok("Letter", "The letter"), "404": _error("No published letter has this id.")},
        ("id",),
        tag="letters",
    ),
}

DESCRIPTION = """\
The city's news releases, officials, topics and letters, read-only.

* Only GET and HEAD; any other method is a 405 with a JSON error. Cross-origin requests are
  allowed from anywhere (`Access-Control-Allow-Origin: *`); an OPTIONS preflight is answered
  with the allowed methods and the requested headers. No credentials are used.
* Lists are paginated: `count`, `page`, `page_size`, `next`, `previous` (absolute URLs or
  null) and `results`.
* Dates and times are in the city's time zone, with its UTC offset.
* Malformed or unknown query values are a 400 whose `error.parameter` names the parameter;
  unknown query parameters are ignored. Unknown ids and slugs are a 404.
* Drafts, unpublished and private releases and letters never appear.
"""


def openapi_document() -> dict:
    return {
        "openapi": "3.0.3",
        "info": {"title": "Dateline API", "version": "1", "description": DESCRIPTION},
        "servers": [{"url": "/api/v1"}],
        "tags": [{"name": n} for n in ("releases", "officials", "topics", "letters")],
        "paths": copy.deepcopy(PATHS),
        "components": {
            "schemas": copy.deepcopy(SCHEMAS),
            "parameters": copy.deepcopy(PARAMETERS),
        },
    }
