"""Signs messages with the official Alipay Python SDK (global-open-sdk-python).

Used by tests/it/python_sdk_interop.rs. Generates its own bodies (seeded, so runs repeat) the way
Python code makes them (except the SDK's own current-time request-time), signs each with
signature_tool.sign, and writes one JSON line per case:

    {"id": 3, "kind": "request" | "notification", "signer": "merchant" | "gateway",
     "key_form": "pkcs1_b64" | "pkcs8_b64" | "pkcs1_pem",
     "method": "POST", "path": "/...", "client_id": "...", "request_time": "...",
     "body": "<text>", "signature": "<the SDK's URL-encoded value>",
     "signature_header": "algorithm=RSA256,keyVersion=1,signature=<value>"}

The header is built exactly as DefaultAlipayClient.execute builds it. Requests are signed with
the merchant key, notifications (valid notifyVaulting bodies) with the gateway key, as the
gateway would.

Usage: sdk_sign.py KEYS_DIR COUNT SEED
"""

import functools
import json
import os
import random
import sys

from com.alipay.ams.api.tools import signature_tool
from com.alipay.ams.api.tools.date_tools import get_cur_iso8601_time


class _KeyCachingSerialization:
    """signature_tool.sign parses the PEM key on every call, and cryptography validates an RSA
    private key on each parse (about 37 ms, i.e. 12 s for 330 signatures). The SDK's sign still
    runs unchanged; only the parsed key object is reused for the same PEM text."""

    def __init__(self, module):
        self._module = module
        self.load_pem_private_key = functools.lru_cache(maxsize=None)(module.load_pem_private_key)

    def __getattr__(self, name):
        return getattr(self._module, name)


signature_tool.serialization = _KeyCachingSerialization(signature_tool.serialization)

REQUEST_PATHS = [
    "/ams/api/v1/vaults/vaultPaymentMethod",
    "/ams/sandbox/api/v1/vaults/vaultPaymentMethod",
    "/ams/api/v1/vaults/inquireVaulting",
    "/ams/sandbox/api/v1/vaults/inquireVaulting",
]
NOTIFY_PATHS = ["/notify/vaulting", "/ams/notify", "/webhooks/alipay/vaulting-result"]
CLIENT_IDS = ["SANDBOX_5YEZ1234567890", "2188120000000001", "SANDBOX_2YCA8K2Z9A1B0C", "T_1"]
ALPHABETS = [
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.:/?&=+",
    "中文测试支付宝卡号绑定结果通知",
    "éèêëàâäôöûüçñÉÀ",
    "😀🎉💳🔒🚀",
    "\"\\/\b\f\n\r\t",
    "\u00a0\u2028\u2029\u200b\ufeff",
]


def rand_text(rng, max_len=24):
    n = rng.randint(0, max_len)
    return "".join(rng.choice(rng.choice(ALPHABETS)) for _ in range(n))


def rand_value(rng, depth=0):
    roll = rng.random()
    if depth < 3 and roll < 0.15:
        return {rand_text(rng, 8): rand_value(rng, depth + 1) for _ in range(rng.randint(0, 4))}
    if depth < 3 and roll < 0.25:
        return [rand_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    if roll < 0.3:
        return rng.choice([True, False, None])
    if roll < 0.4:
        return rng.choice([0, -1, 7, 10**15, 3.25, -0.5])
    return rand_text(rng)


def dump(rng, value):
    """Serialises the way Python code does, in several styles."""
    style = rng.randrange(5)
    if style == 0:
        return json.dumps(value)  # ", " and ": " separators, \\u escapes
    if style == 1:
        return json.dumps(value, ensure_ascii=False)
    if style == 2:
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    if style == 3:
        return json.dumps(value, indent=2, ensure_ascii=False)
    return json.dumps(value, indent="\t", sort_keys=True) + "\n"


def request_body(rng):
    body = {
        "vaultingRequestId": "vault-" + rand_text(rng, 12),
        "vaultingNotificationUrl": "https://merchant.example/notify/vaulting",
        "redirectUrl": "https://merchant.example/return?q=" + rand_text(rng, 8),
        "paymentMethodDetail": {
            "paymentMethodType": "CARD",
            "card": {
                "cardNo": "4111111111111111",
                "brand": "VISA",
                "expiryYear": "30",
                "expiryMonth": "12",
                "cardholderName": {"firstName": rand_text(rng, 10), "lastName": rand_text(rng, 10)},
            },
        },
        "env": {"terminalType": "WEB", "timeZoneOffset": rng.randint(-720, 720)},
        "metadata": rand_text(rng, 40),
        "extra": rand_value(rng),
    }
    return dump(rng, body)


def notification_body(rng, index):
    body = {
        "notifyType": "VAULTING_RESULT",
        "vaultingRequestId": "vault-req-%04d" % index,
        "result": rng.choice(
            [
                {"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"},
                {"resultCode": "VERIFICATION_FAIL", "resultStatus": "F", "resultMessage": rand_text(rng)},
            ]
        ),
        "paymentMethodDetail": {
            "paymentMethodType": "CARD",
            "card": {
                "cardToken": "ALIPAY" + rand_text(rng, 16),
                "maskedCardNo": "************1111",
                "brand": rng.choice(["VISA", "MASTERCARD", "NEW_BRAND"]),
            },
        },
        "vaultingCreateTime": "2024-03-14T19:07:40+08:00",
        "metadata": rand_text(rng, 40),
        "acquirerInfo": {"acquirerName": rand_text(rng, 10)},
        "unknownFutureField": rand_value(rng),
    }
    return dump(rng, body)


def request_time(rng):
    roll = rng.randrange(4)
    if roll == 0:
        return str(rng.randint(1_500_000_000_000, 1_900_000_000_000))
    if roll == 1:
        return get_cur_iso8601_time()  # what the SDK client sends: UTC, whole seconds
    if roll == 2:
        return "2019-07-12T12:08:56.253+05:30"
    return "2024-01-01T00:00:00-08:00"


def main():
    keys_dir, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])

    def read(name):
        with open(os.path.join(keys_dir, name), encoding="utf-8") as f:
            return f.read().strip()

    keys = {
        "merchant": {
            "pkcs1_b64": read("merchant_private_pkcs1.b64"),
            "pkcs8_b64": read("merchant_private_pkcs8.b64"),
            "pkcs1_pem": read("merchant_private_pkcs1.pem"),
        },
        "gateway": {
            "pkcs1_b64": read("gateway_private_pkcs1.b64"),
            "pkcs8_b64": read("gateway_private_pkcs8.b64"),
            "pkcs1_pem": read("gateway_private_pkcs1.pem"),
        },
    }
    rng = random.Random(seed)
    out = sys.stdout
    for i in range(count):
        if i % 3 == 2:
            kind, signer = "notification", "gateway"
            path = rng.choice(NOTIFY_PATHS)
            body = notification_body(rng, i)
        else:
            kind, signer = "request", "merchant"
            path = rng.choice(REQUEST_PATHS)
            body = request_body(rng) if i % 7 else rng.choice(["", "{}", rand_text(rng, 60)])
        key_form = ["pkcs1_b64", "pkcs8_b64", "pkcs1_pem"][(i // 3) % 3]
        client_id = rng.choice(CLIENT_IDS)
        time = request_time(rng)
        signature = signature_tool.sign("POST", path, client_id, time, body, keys[signer][key_form])
        out.write(
            json.dumps(
                {
                    "id": i,
                    "kind": kind,
                    "signer": signer,
                    "key_form": key_form,
                    "method": "POST",
                    "path": path,
                    "client_id": client_id,
                    "request_time": time,
                    "body": body,
                    "signature": signature,
                    "signature_header": "algorithm=RSA256,keyVersion=1,signature=" + signature,
                }
            )
            + "\n"
        )
    out.flush()


if __name__ == "__main__":
    main()
