"""Verifies signatures with the official Alipay Python SDK (global-open-sdk-python).

Used by tests/it/python_sdk_interop.rs. Reads JSON lines on stdin, one case each:

    {"id": 7, "mode": "verify" | "webhook", "method": "POST", "path": "/...",
     "client_id": "...", "request_time": "...", "body": "<text>",
     "signature_header": "algorithm=RSA256,keyVersion=1,signature=...",
     "public_key": "<SPKI base64, as the SDK takes it>"}

and writes one JSON line per case on stdout, in order:

    {"id": 7, "ok": true}  or  {"id": 7, "ok": false, "error": "<exception type: message>"}

mode "verify": the SDK client's own steps for a response: take the text after "signature="
in the header (as DefaultAlipayClient.__parse_header does), then
signature_tool.verify(http_method, path, client_id, time, body, signature, public_key).
mode "webhook": webhook_tool.check_signature(http_method, path, client_id, time, body,
signature_header, public_key), the SDK's notification check, given the whole header.

The SDK's verify returns True or raises (rsa.VerificationError); both outcomes are reported.
"""

import json
import sys

from com.alipay.ams.api.tools import signature_tool, webhook_tool


def check(case):
    args = (
        case["method"],
        case["path"],
        case["client_id"],
        case["request_time"],
        case["body"],
    )
    if case["mode"] == "verify":
        signature = case["signature_header"].split("signature=")[1]
        return signature_tool.verify(*args, signature, case["public_key"])
    if case["mode"] == "webhook":
        return webhook_tool.check_signature(
            *args, case["signature_header"], case["public_key"]
        )
    raise ValueError("unknown mode " + repr(case["mode"]))


def main():
    out = sys.stdout
    for line in sys.stdin:
        if not line.strip():
            continue
        case = json.loads(line)
        try:
            ok = bool(check(case))
            result = {"id": case["id"], "ok": ok}
            if not ok:
                result["error"] = "verify returned False"
        except Exception as e:  # the SDK signals a bad signature by raising
            result = {
                "id": case["id"],
                "ok": False,
                "error": type(e).__module__ + "." + type(e).__name__ + ": " + str(e),
            }
        out.write(json.dumps(result) + "\n")
    out.flush()


if __name__ == "__main__":
    main()
