"""Schemathesis hooks for the alipay-vaulting gateway simulator.

Loaded by `run.sh` through `SCHEMATHESIS_HOOKS=<this file>`. It does four things:

1. Signs every generated request exactly as the gateway expects (`before_call`): the body is
   serialised here, once, and sent as those bytes (`data=`), so the signed bytes are the bytes on
   the wire. Headers `client-id`, `request-time` (ms since the epoch) and
   `signature: algorithm=RSA256,keyVersion=1,signature=<url-encoded base64>` over
   `POST <path>\\n<client-id>.<request-time>.<body>` with the merchant private key. A client id
   starting with `SANDBOX_` is sent to `/ams/sandbox/api/...` (and that path is signed).

2. Adds checks that know the gateway's conventions (business outcomes are HTTP 200 with
   `result.resultStatus` S/F/U, a refused request is `F`/`PARAM_ILLEGAL`, a bad signature is
   `F`/`INVALID_SIGNATURE`):

   - `gateway_never_5xx`: no 5xx, ever.
   - `gateway_response_signature`: every HTTP 200 is signed by the gateway key over
     `POST <request path>\\n<client-id>.<response-time>.<raw body>`; a bad signature is always a
     failure, a missing one is a failure unless `resultStatus` is F or U (the spec allows those
     unsigned).
   - `gateway_accepts_our_signature`: no signed request may be answered `INVALID_SIGNATURE`.
   - `gateway_negative_data_rejection`: Schemathesis' `negative_data_rejection` (which expects a
     4xx), with an HTTP 200 `F`/`PARAM_ILLEGAL` counted as the rejection it is.
   - `gateway_positive_data_acceptance`: Schemathesis' `positive_data_acceptance`, with an HTTP
     200 `F`/`PARAM_ILLEGAL` counted as the refusal it is.
   - `gateway_refuses_bad_signatures`: replaces `ignored_auth` (which expects 401/403): for the
     first few cases of each operation, the same body is resent unsigned, with a signature over
     other content and with a garbage signature; each must come back HTTP 200
     `F`/`INVALID_SIGNATURE`.

   `run.sh` therefore excludes the built-in `negative_data_rejection`, `positive_data_acceptance`
   and `ignored_auth`, which judge by HTTP status only.

3. Steers part of the traffic to the simulator's test cards (`before_call`), so that every
   answer shape is generated and checked against the response schemas: for about a quarter of
   the vaultPaymentMethod bodies that carry a card object, `cardNo` becomes one of the test
   cards, under a fresh `vaultingRequestId` (3-D Secure challenge with URLs, VERIFICATION_FAIL,
   PROCESS_FAIL, UNKNOWN_EXCEPTION, no-URL VERIFICATION_IN_PROCESS, and the S cards); half of
   the inquireVaulting bodies ask for a vaulting created earlier in the run. Schemathesis re-labels an edited case (positive or
   negative) from what is actually sent. After a 3-D Secure challenge, two in three are approved
   or declined on the simulator's page, so inquiries also see SUCCESS-after-3DS and FAIL.
   The choices hash the generated body: same seed, same traffic.

4. Counts what was sent (`after_call`) into `ALIPAY_SIM_STATS` (a JSON file), for the summary.

Environment:
- `ALIPAY_SIM_KEYS` (required): the `alipay-vaulting sim --keys` directory
  (`merchant_private_pkcs8.pem`, `gateway_public_spki.pem`).
- `ALIPAY_SIM_BASE_URL` (required): the simulator's base URL (first stdout line of `sim`).
- `ALIPAY_SIM_CLIENT_IDS`: comma-separated client ids; each request uses one of them, picked
  deterministically from its body. Default `SANDBOX_SIMULATOR,2188120000000001` (both paths).
- `ALIPAY_SIM_PROBES_PER_OPERATION`: cases per operation that get the bad-signature probes (3).
- `ALIPAY_SIM_STEER=0`: no steering (purely generated traffic).
- `ALIPAY_SIM_STATS`: where to write the request counters (optional).

The `curl` lines in Schemathesis' failure reports re-serialise the generated body (and show the
spec's live path); their signature headers are those of the bytes actually sent, so a replay
with that exact command gets INVALID_SIGNATURE. The simulator's log (`simulator.log` in the
report directory) shows what it received.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import os
import threading
import time
import urllib.parse
from typing import Any

import requests
import schemathesis
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from schemathesis.core import NotSet

# Private helpers of the pinned Schemathesis release (see requirements.txt): the built-in negative
# and positive data checks without their status-code-only entry points. Re-check on upgrade.
from schemathesis.specs.openapi.checks import (
    _openapi_negative_data_rejection,
    _openapi_positive_data_acceptance,
)

LIVE_PREFIX = "/ams/api/"
SANDBOX_PREFIX = "/ams/sandbox/api/"
DEFAULT_CLIENT_IDS = "SANDBOX_SIMULATOR,2188120000000001"

# The simulator's test cards (src/simulator/mod.rs): each selects an answer shape.
SCENARIO_CARDS = (
    "4000000000003220",  # U VERIFICATION_IN_PROCESS with normalUrl/schemeUrl/applinkUrl
    "4000000000000002",  # F VERIFICATION_FAIL
    "4000000000000119",  # F PROCESS_FAIL
    "4000000000000127",  # U UNKNOWN_EXCEPTION (vaulted inside the gateway)
    "4000000000000135",  # U VERIFICATION_IN_PROCESS without any URL
    "4111111111111111",  # S VISA
    "5555555555554444",  # S MASTERCARD
    "378282246310005",  # S AMEX
)

_lock = threading.Lock()
_keys: dict[str, Any] = {}
_probed: dict[str, int] = {}
_known_ids: list[str] = []  # vaultingRequestIds the simulator holds, in creation order
_decided: set[str] = set()
_stats: dict[str, Any] = {
    "requests": 0,
    "by_operation": {},
    "by_mode": {},
    "by_result": {},
    "by_path": {},
    "probes": 0,
    "steered": {},
    "three_ds": {},
    "inquiry_vaulting_status": {},
}


# ---------------------------------------------------------------------------------------------
# Keys and signing
# ---------------------------------------------------------------------------------------------


def _env(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise RuntimeError(f"{name} is not set (run.sh sets it)")
    return value


def _key(name: str) -> Any:
    with _lock:
        if name not in _keys:
            path = os.path.join(_env("ALIPAY_SIM_KEYS"), name)
            with open(path, "rb") as handle:
                data = handle.read()
            if "private" in name:
                _keys[name] = serialization.load_pem_private_key(data, password=None)
            else:
                _keys[name] = serialization.load_pem_public_key(data)
        return _keys[name]


def content_to_sign(path: str, client_id: str, timestamp: str, body: bytes) -> bytes:
    """`POST <path>\\n<client-id>.<time>.<body>`, as bytes (the body is never re-encoded)."""
    return f"POST {path}\n{client_id}.{timestamp}.".encode() + body


def sign(path: str, client_id: str, timestamp: str, body: bytes) -> str:
    """The `signature` header value for a request signed with the merchant private key."""
    raw = _key("merchant_private_pkcs8.pem").sign(
        content_to_sign(path, client_id, timestamp, body), padding.PKCS1v15(), hashes.SHA256()
    )
    encoded = urllib.parse.quote(base64.b64encode(raw).decode("ascii"), safe="")
    return f"algorithm=RSA256,keyVersion=1,signature={encoded}"


def parse_signature_header(value: str) -> bytes:
    """The raw signature bytes of `algorithm=RSA256,keyVersion=1,signature=...` (spaces tolerated)."""
    fields = {}
    for part in value.split(","):
        name, sep, text = part.strip().partition("=")
        if not sep:
            raise ValueError(f"malformed signature header part {part!r}")
        fields[name.strip()] = text.strip()
    if fields.get("algorithm") != "RSA256":
        raise ValueError(f"algorithm is {fields.get('algorithm')!r}, expected RSA256")
    if "signature" not in fields:
        raise ValueError("no signature= part")
    return base64.b64decode(urllib.parse.unquote(fields["signature"]), validate=True)


def verify_gateway(path: str, client_id: str, timestamp: str, body: bytes, header: str) -> None:
    """Raises if `header` is not the gateway's signature of the response."""
    signature = parse_signature_header(header)
    _key("gateway_public_spki.pem").verify(
        signature,
        content_to_sign(path, client_id, timestamp, body),
        padding.PKCS1v15(),
        hashes.SHA256(),
    )


# ---------------------------------------------------------------------------------------------
# Request side
# ---------------------------------------------------------------------------------------------


def _is_json(media_type: str | None) -> bool:
    if not media_type:
        return False
    essence = media_type.split(";")[0].strip().lower()
    return essence == "application/json" or essence.endswith("+json")


def serialize_body(case: schemathesis.Case) -> bytes:
    """The exact bytes to send: compact UTF-8 JSON (like the SDKs), or Schemathesis' own
    serialisation for the odd media types of its content-type probes."""
    if isinstance(case.body, NotSet):
        return b""
    if isinstance(case.body, bytes):
        # Negative testing's syntax fuzzing: random bytes that are not JSON, sent as they are.
        return case.body
    if _is_json(case.media_type):
        try:
            return json.dumps(
                case.body, ensure_ascii=False, separators=(",", ":"), allow_nan=False
            ).encode("utf-8")
        except UnicodeEncodeError:
            # Lone surrogates cannot be UTF-8: send them as \\u escapes instead.
            return json.dumps(case.body, separators=(",", ":"), allow_nan=False).encode("ascii")
        except (TypeError, ValueError):
            pass  # Not plain JSON data (e.g. a Binary inside): Schemathesis' own serialisation.
    kwargs = case.as_transport_kwargs(base_url="http://placeholder.invalid")
    try:
        prepared = requests.Request(
            method="POST",
            url="http://placeholder.invalid/",
            data=kwargs.get("data"),
            json=kwargs.get("json"),
            files=kwargs.get("files"),
        ).prepare()
        body = prepared.body or b""
    except (TypeError, ValueError):
        body = repr(case.body)  # Unserialisable: any bytes will do, they are signed as sent.
    return body.encode("utf-8", "surrogatepass") if isinstance(body, str) else body


def _client_ids() -> list[str]:
    ids = [i.strip() for i in os.environ.get("ALIPAY_SIM_CLIENT_IDS", DEFAULT_CLIENT_IDS).split(",")]
    return [i for i in ids if i] or ["SANDBOX_SIMULATOR"]


def wire_path(path: str, client_id: str) -> str:
    """The sandbox rewrite: `SANDBOX_...` client ids call `/ams/sandbox/api/...`."""
    if client_id.startswith("SANDBOX_") and path.startswith(LIVE_PREFIX):
        return SANDBOX_PREFIX + path[len(LIVE_PREFIX) :]
    return path


def _set_header(case: schemathesis.Case, name: str, value: str) -> None:
    for existing in [k for k in case.headers if k.lower() == name.lower()]:
        del case.headers[existing]
    case.headers[name] = value


def _digest(value: Any) -> bytes:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=repr).encode()).digest()


def steer(case: schemathesis.Case) -> None:
    """Points part of the generated bodies at the simulator's test cards and known vaultings."""
    body = case.body
    if not isinstance(body, dict) or os.environ.get("ALIPAY_SIM_STEER") == "0":
        return
    digest = _digest(body)
    if case.operation.path.endswith("/vaultPaymentMethod"):
        detail = body.get("paymentMethodDetail")
        card = detail.get("card") if isinstance(detail, dict) else None
        if isinstance(card, dict) and digest[0] % 4 == 0:
            card["cardNo"] = SCENARIO_CARDS[digest[1] % len(SCENARIO_CARDS)]
            # A fresh id, or the generated one (often reused) answers REPEAT_REQ_INCONSISTENT.
            body["vaultingRequestId"] = "st-" + digest[2:14].hex()
            with _lock:
                _bump("steered", f"vault card {card['cardNo']}")
    elif case.operation.path.endswith("/inquireVaulting") and digest[0] % 2 == 0:
        with _lock:
            if not _known_ids:
                return
            body["vaultingRequestId"] = _known_ids[digest[1] % len(_known_ids)]
            _bump("steered", "inquire known id")


@schemathesis.hook
def before_call(context: schemathesis.HookContext, case: schemathesis.Case, kwargs: dict[str, Any]) -> None:
    steer(case)
    body = serialize_body(case)
    ids = _client_ids()
    client_id = ids[hashlib.sha256(body).digest()[0] % len(ids)]
    path = wire_path(case.formatted_path, client_id)
    timestamp = str(int(time.time() * 1000))
    if case.headers is None:
        case.headers = {}
    _set_header(case, "client-id", client_id)
    _set_header(case, "request-time", timestamp)
    _set_header(case, "signature", sign(path, client_id, timestamp, body))
    # The bytes signed are the bytes sent: Schemathesis does not serialise a body passed as `data`.
    kwargs["data"] = body
    kwargs["url"] = _env("ALIPAY_SIM_BASE_URL").rstrip("/") + path


def _business_result(response: schemathesis.Response) -> dict[str, Any] | None:
    if response.status_code != 200:
        return None
    try:
        body = json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        return None
    result = body.get("result") if isinstance(body, dict) else None
    return result if isinstance(result, dict) else None


def _code(response: schemathesis.Response) -> str:
    result = _business_result(response)
    if result is None:
        return f"HTTP {response.status_code}"
    return f"{result.get('resultStatus')}/{result.get('resultCode')}"


def _bump(table: str, key: str) -> None:
    _stats[table][key] = _stats[table].get(key, 0) + 1


def _write_stats() -> None:
    path = os.environ.get("ALIPAY_SIM_STATS")
    if not path:
        return
    tmp = f"{path}.tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(_stats, handle, indent=1, sort_keys=True)
    os.replace(tmp, path)


def _settle_3ds(answer: dict[str, Any]) -> None:
    """Approves or declines (or leaves pending, one in three) a fresh 3-D Secure challenge."""
    vaulting_id = answer.get("vaultingRequestId")
    url = answer.get("normalUrl")
    if not isinstance(vaulting_id, str) or not isinstance(url, str) or not url.startswith("http"):
        return
    with _lock:
        if vaulting_id in _decided:
            return
        _decided.add(vaulting_id)
    choice = ("approve", "decline", None)[_digest(vaulting_id)[0] % 3]
    if choice is None:
        outcome = "left pending"
    else:
        page = requests.post(url, data={"decision": choice}, allow_redirects=False, timeout=10)
        outcome = f"{choice} -> HTTP {page.status_code}"
    with _lock:
        _bump("three_ds", outcome)


@schemathesis.hook
def after_call(context: schemathesis.HookContext, case: schemathesis.Case, response: schemathesis.Response) -> None:
    mode = "?"
    if case.meta is not None:
        mode = case.meta.generation.mode.value
    answer: dict[str, Any] = {}
    if response.status_code == 200:
        try:
            parsed = json.loads(response.content)
            answer = parsed if isinstance(parsed, dict) else {}
        except (ValueError, UnicodeDecodeError):
            pass
    result = answer.get("result") if isinstance(answer.get("result"), dict) else {}
    is_vault = case.operation.path.endswith("/vaultPaymentMethod")
    vaulting_id = answer.get("vaultingRequestId") if is_vault else None
    with _lock:
        _stats["requests"] += 1
        _bump("by_operation", case.operation.label)
        _bump("by_mode", mode)
        _bump("by_result", _code(response))
        _bump("by_path", f"{response.request.method} {urllib.parse.urlsplit(response.request.url).path}")
        if not is_vault and "vaultingStatus" in answer:
            _bump("inquiry_vaulting_status", f"{answer['vaultingStatus']} {answer.get('vaultingResultCode', '')}".strip())
        if (
            isinstance(vaulting_id, str)
            and result.get("resultCode") not in (None, "PARAM_ILLEGAL", "INVALID_SIGNATURE", "REPEAT_REQ_INCONSISTENT")
            and vaulting_id not in _known_ids
        ):
            _known_ids.append(vaulting_id)
        _write_stats()
    if is_vault and result.get("resultCode") == "VERIFICATION_IN_PROCESS":
        _settle_3ds(answer)


# ---------------------------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------------------------


def _describe(response: schemathesis.Response) -> str:
    text = response.content[:300].decode("utf-8", "replace")
    return f"HTTP {response.status_code}, body {text!r}"


@schemathesis.check
def gateway_never_5xx(ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case) -> None:
    """The simulator never answers a 5xx (it has no fault injected in this run)."""
    if response.status_code >= 500:
        raise AssertionError(f"The gateway simulator answered a server error: {_describe(response)}")


def _is_api_call(response: schemathesis.Response) -> bool:
    return response.request.method == "POST" and response.status_code == 200


@schemathesis.check
def gateway_response_signature(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case
) -> None:
    """Every HTTP 200 answer is signed by the gateway key (F and U may come unsigned)."""
    if not _is_api_call(response):
        return
    headers = {name.lower(): values for name, values in response.headers.items()}
    signature = (headers.get("signature") or [None])[0]
    client_id = (headers.get("client-id") or [None])[0]
    response_time = (headers.get("response-time") or [None])[0]
    result = _business_result(response)
    status = result.get("resultStatus") if result else None
    if signature is None:
        if status in ("F", "U"):
            return
        raise AssertionError(
            f"Unsigned response with resultStatus {status!r} (only F and U may be unsigned): "
            f"{_describe(response)}"
        )
    if client_id is None or response_time is None:
        raise AssertionError(
            "Signed response without `client-id` or `response-time` header (both are part of "
            f"the signed content): headers {sorted(headers)}"
        )
    path = urllib.parse.urlsplit(response.request.url).path
    try:
        verify_gateway(path, client_id, response_time, response.content, signature)
    except (InvalidSignature, ValueError) as error:
        raise AssertionError(
            f"The response signature does not verify with the gateway public key over "
            f"`POST {path}\\n{client_id}.{response_time}.<body>` ({type(error).__name__}: {error})"
        ) from None
    sent_client_id = response.request.headers.get("client-id")
    if sent_client_id is not None and client_id != sent_client_id:
        raise AssertionError(f"The response echoes client-id {client_id!r}, the request sent {sent_client_id!r}")


@schemathesis.check
def gateway_accepts_our_signature(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case
) -> None:
    """A request signed by the hook must never be answered INVALID_SIGNATURE."""
    if not _is_api_call(response) or "signature" not in response.request.headers:
        return
    result = _business_result(response)
    if result and result.get("resultCode") == "INVALID_SIGNATURE":
        raise AssertionError(
            "A correctly signed request was refused with INVALID_SIGNATURE (the hook's signing "
            f"and the simulator's verification disagree): {_describe(response)}"
        )


def _as_rejection_status(response: schemathesis.Response) -> schemathesis.Response:
    """The response as the status-based built-in checks should see it: an HTTP 200 carrying
    `F`/`PARAM_ILLEGAL` is the gateway's way of saying 400 Bad Request."""
    result = _business_result(response)
    if result and result.get("resultStatus") == "F" and result.get("resultCode") == "PARAM_ILLEGAL":
        seen = copy.copy(response)
        seen.status_code = 400
        seen.message = "Bad Request (HTTP 200 with F/PARAM_ILLEGAL)"
        return seen
    return response


def _record_finding(table: str, key: str) -> None:
    """Schemathesis reports one failure per kind and operation; the stats keep every distinct one."""
    with _lock:
        findings = _stats.setdefault(table, {})
        findings[key] = findings.get(key, 0) + 1
        _write_stats()


def _invalid_component(message: str) -> str:
    lines = message.splitlines()
    for index, line in enumerate(lines):
        if line.startswith("Invalid component:"):
            return " ".join(part.strip() for part in lines[index:])[len("Invalid component: ") :]
    return lines[0] if lines else message


@schemathesis.check
def gateway_negative_data_rejection(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case
) -> bool | None:
    """`negative_data_rejection`, where an HTTP 200 with F/PARAM_ILLEGAL is a rejection."""
    try:
        return _openapi_negative_data_rejection(ctx, _as_rejection_status(response), case)
    except AssertionError as failure:
        message = getattr(failure, "message", str(failure))
        _record_finding(
            "negative_accepted",
            f"{case.operation.label}: {_invalid_component(message)} -> {_code(response)}",
        )
        raise


@schemathesis.check
def gateway_positive_data_acceptance(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case
) -> bool | None:
    """`positive_data_acceptance`, where an HTTP 200 with F/PARAM_ILLEGAL is a refusal."""
    try:
        return _openapi_positive_data_acceptance(ctx, _as_rejection_status(response), case)
    except AssertionError:
        result = _business_result(response) or {}
        _record_finding(
            "positive_refused", f"{case.operation.label}: {result.get('resultMessage', _code(response))}"
        )
        raise


def _probe(url: str, path: str, body: bytes, signature: str | None) -> requests.Response:
    client_id = "SANDBOX_SIMULATOR" if path.startswith(SANDBOX_PREFIX) else "2188120000000001"
    headers = {
        "content-type": "application/json; charset=UTF-8",
        "client-id": client_id,
        "request-time": str(int(time.time() * 1000)),
    }
    if signature == "other-content":
        headers["signature"] = sign(path, client_id, headers["request-time"], body + b" ")
    elif signature is not None:
        headers["signature"] = signature
    return requests.post(url, data=body, headers=headers, timeout=10)


@schemathesis.check
def gateway_refuses_bad_signatures(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case
) -> None:
    """Replaces `ignored_auth`: unsigned or wrongly signed requests get HTTP 200 F/INVALID_SIGNATURE."""
    if response.request.method != "POST":
        return
    limit = int(os.environ.get("ALIPAY_SIM_PROBES_PER_OPERATION", "3"))
    with _lock:
        done = _probed.get(case.operation.label, 0)
        if done >= limit:
            return
        _probed[case.operation.label] = done + 1
    url = response.request.url
    path = urllib.parse.urlsplit(url).path
    body = response.request.body or b""
    if isinstance(body, str):
        body = body.encode("utf-8")
    for variant in (None, "other-content", "algorithm=RSA256,keyVersion=1,signature=bm90LWEtc2lnbmF0dXJl"):
        answer = _probe(url, path, body, variant)
        with _lock:
            _stats["probes"] += 1
        label = {None: "without a signature", "other-content": "signed over other content"}.get(
            variant, "with a garbage signature"
        )
        if answer.status_code >= 500:
            raise AssertionError(f"A request {label} got a server error: HTTP {answer.status_code}")
        try:
            result = answer.json().get("result", {})
        except ValueError:
            result = {}
        if (
            answer.status_code != 200
            or result.get("resultStatus") != "F"
            or result.get("resultCode") != "INVALID_SIGNATURE"
        ):
            raise AssertionError(
                f"A request {label} was not refused with HTTP 200 F/INVALID_SIGNATURE: "
                f"HTTP {answer.status_code}, body {answer.content[:300]!r}"
            )
        signature = answer.headers.get("signature")
        if signature is not None:
            try:
                verify_gateway(
                    path,
                    answer.headers.get("client-id", ""),
                    answer.headers.get("response-time", ""),
                    answer.content,
                    signature,
                )
            except (InvalidSignature, ValueError) as error:
                raise AssertionError(
                    f"The INVALID_SIGNATURE answer to a request {label} carries a signature that "
                    f"does not verify ({type(error).__name__}: {error})"
                ) from None
