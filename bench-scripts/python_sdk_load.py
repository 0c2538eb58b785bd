#!/usr/bin/env python3
"""Load test of Alipay's official Python SDK (PyPI `global-open-sdk-python` 1.7.1) against the
crate's gateway simulator (`alipay-vaulting sim`), for comparison with `benches/load.rs`.

N threads (the SDK is synchronous) share one `DefaultAlipayClient` and call vaultPaymentMethod
for a bounded time with the card 4111111111111111 and a fresh vaultingRequestId per call; the
answer is parsed into the SDK's `AlipayVaultingPaymentMethodResponse` and must be `S`.

What is patched, and only that
------------------------------
The SDK's transport, `com.alipay.ams.api.net.default_http_rpc.do_post`, always opens
`http.client.HTTPSConnection(host, port=443, context=ssl.create_default_context())`: it cannot
reach a plain-HTTP simulator on a loopback port. `DefaultAlipayClient` calls it through the name
`do_post` that `default_alipay_client` imported with `from ...default_http_rpc import *`, so this
script rebinds `com.alipay.ams.api.default_alipay_client.do_post` (and, for consistency, the
original module's name) to `loopback_do_post` below: the SDK's own function line for line, with
`HTTPConnection(host, port)` in place of `HTTPSConnection(host, 443, context)`. Like the SDK, it
opens one new connection per call and closes it afterwards (no keep-alive; TLS is removed, which
only makes the SDK faster than it is in production). Everything else is the SDK's unchanged
code path: `DefaultAlipayClient.execute` builds the JSON (`to_ams_json`), signs it
(`signature_tool.sign`: PEM parse of the PKCS#1 merchant key with `cryptography` + RSA-SHA256),
sends it, checks the headers and verifies the response signature (`signature_tool.verify`:
the pure-Python `rsa` package), then this script parses the body into the SDK's response class.

The merchant key given to the SDK is `merchant_private_pkcs1.b64` from the simulator's key
directory (the SDK wraps it in `BEGIN RSA PRIVATE KEY`, i.e. PKCS#1), the Alipay public key
`gateway_public_spki.b64`.

Usage:
  python_sdk_load.py --base-url http://127.0.0.1:PORT --keys DIR [--client-id ID]
                     [--threads 16] [--seconds 10] [--warmup 1] [--card 4111111111111111]
                     [--sim-pid PID] [--json FILE]
"""

import argparse
import http.client
import json
import os
import resource
import sys
import threading
import time
import urllib.parse

import com.alipay.ams.api.default_alipay_client as sdk_client_module
import com.alipay.ams.api.net.default_http_rpc as sdk_http_module
from com.alipay.ams.api.default_alipay_client import DefaultAlipayClient
from com.alipay.ams.api.exception.exception import AlipayApiException
from com.alipay.ams.api.model.card import Card
from com.alipay.ams.api.model.env import Env
from com.alipay.ams.api.model.payment_method_detail import PaymentMethodDetail
from com.alipay.ams.api.model.terminal_type import TerminalType
from com.alipay.ams.api.request.vaulting.alipay_vaulting_payment_method_request import (
    AlipayVaultingPaymentMethodRequest,
)
from com.alipay.ams.api.response.vaulting.alipay_vaulting_payment_method_response import (
    AlipayVaultingPaymentMethodResponse,
)
from com.alipay.ams.api.tools import signature_tool
from com.alipay.ams.api.tools.constants import DEFAULT_CHARSET, DEFAULT_TIMEOUT

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
NOTIFICATION_URL = "bench:notifications-off"  # as in benches/load.rs: the simulator sends nothing
MAX_CALLS_PER_THREAD = 5_000_000


def loopback_do_post(url, headers=None, req_body=None, charset=DEFAULT_CHARSET):
    """The SDK's `default_http_rpc.do_post`, with a plain-HTTP loopback connection."""
    parsed = urllib.parse.urlparse(url)
    if parsed.scheme != "http" or parsed.hostname not in LOOPBACK_HOSTS:
        raise AlipayApiException("this benchmark only calls plain http on loopback: " + url)
    connection = http.client.HTTPConnection(
        host=parsed.hostname, port=parsed.port, timeout=DEFAULT_TIMEOUT
    )
    try:
        connection.connect()
    except Exception as e:
        raise AlipayApiException("connect failed. " + str(e))

    try:
        connection.request("POST", url, body=req_body.encode(charset), headers=headers)
    except Exception as e:
        raise AlipayApiException("request failed. " + str(e))

    response = connection.getresponse()
    if response.status != 200:
        raise AlipayApiException("invalid http status " + str(response.status))
    headers = response.getheaders()
    result = response.read()
    try:
        response.close()
        connection.close()
    except Exception as e:
        raise AlipayApiException("close failed. " + str(e))

    return headers, result


def patch_transport():
    # DefaultAlipayClient.execute looks up `do_post` in its own module's globals.
    assert callable(sdk_client_module.do_post), "the SDK no longer has default_alipay_client.do_post"
    sdk_client_module.do_post = loopback_do_post
    sdk_http_module.do_post = loopback_do_post


def build_request(request_id, card_no):
    card = Card()
    card.card_no = card_no
    card.expiry_year = "30"
    card.expiry_month = "12"
    card.cvv = "123"
    detail = PaymentMethodDetail()
    detail.payment_method_type = "CARD"
    detail.card = card
    env = Env()
    env.terminal_type = TerminalType.WEB
    request = AlipayVaultingPaymentMethodRequest()
    request.vaulting_request_id = request_id
    request.vaulting_notification_url = NOTIFICATION_URL
    request.redirect_url = "https://merchant.example/return"
    request.payment_method_detail = detail
    request.env = env
    return request


def one_call(client, request_id, card_no):
    """Returns (ok, error text)."""
    request = build_request(request_id, card_no)
    body = client.execute(request)
    response = AlipayVaultingPaymentMethodResponse(body)
    status = response.result.result_status if response.result else None
    status = getattr(status, "value", status)
    if str(status) != "S" or '"cardToken"' not in body:
        return False, "answered " + body[:200]
    return True, None


def crypto_floor(private_key, public_key, client_id, seconds=1.0):
    """The SDK's own sign and verify functions alone, one thread: seconds per call of each.

    The verify input is a signature made with the same key pair's public half, so a gateway
    key is not needed: it measures the same code path on the same key size."""
    body = build_request("py-floor", "4111111111111111").to_ams_json()
    path = "/ams/sandbox/api/v1/vaults/vaultPaymentMethod"
    when = "2025-01-01T00:00:00+00:00"

    def per_call(fn):
        count, start = 0, time.perf_counter()
        while count < 100000 and time.perf_counter() - start < seconds:
            fn()
            count += 1
        return (time.perf_counter() - start) / count

    t_sign = per_call(
        lambda: signature_tool.sign("POST", path, client_id, when, body, private_key)
    )
    signature = signature_tool.sign("POST", path, client_id, when, body, private_key)
    ok = signature_tool.verify("POST", path, client_id, when, body, signature, public_key)
    assert ok, "the SDK does not verify its own signature"
    t_verify = per_call(
        lambda: signature_tool.verify("POST", path, client_id, when, body, signature, public_key)
    )
    return t_sign, t_verify


def proc_cpu_seconds(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            stat = f.read()
    except OSError:
        return None
    fields = stat[stat.rfind(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds():
    with open("/proc/stat") as f:
        values = [float(v) for v in f.readline().split()[1:9]]
    total = sum(values)
    return (total - values[3] - values[4]) / os.sysconf("SC_CLK_TCK")


def run_phase(client, threads, seconds, card_no, prefix):
    deadline = time.perf_counter() + seconds
    results = [None] * threads

    def caller(index):
        latencies, errors, first_error = [], 0, None
        for n in range(MAX_CALLS_PER_THREAD):
            if time.perf_counter() >= deadline or errors >= 100:
                break
            start = time.perf_counter()
            try:
                ok, error = one_call(client, "%s-%d-%d" % (prefix, index, n), card_no)
            except Exception as e:  # noqa: BLE001 - counted and reported
                ok, error = False, "%s: %s" % (type(e).__name__, e)
            elapsed = time.perf_counter() - start
            if ok:
                latencies.append(elapsed)
            else:
                errors += 1
                first_error = first_error or error
        results[index] = (latencies, errors, first_error, time.perf_counter())

    started = time.perf_counter()
    workers = [threading.Thread(target=caller, args=(i,), daemon=True) for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=seconds + 60)
    if any(w.is_alive() for w in workers):
        sys.exit("python_sdk_load: callers did not finish within the time bound")
    latencies = [l for r in results for l in r[0]]
    errors = sum(r[1] for r in results)
    first_error = next((r[2] for r in results if r[2]), None)
    finished = max(r[3] for r in results)
    return latencies, errors, first_error, finished - started


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    rank = max(1, min(len(sorted_values), int(-(-p / 100.0 * len(sorted_values) // 1))))
    return sorted_values[rank - 1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--keys", required=True, help="the simulator's key directory")
    parser.add_argument("--client-id", default="SANDBOX_SIMULATOR")
    parser.add_argument("--threads", type=int, default=int(os.environ.get("BENCH_CALLERS", 16)))
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("BENCH_SECONDS", 10)))
    parser.add_argument("--warmup", type=float, default=1.0)
    parser.add_argument("--card", default="4111111111111111")
    parser.add_argument("--sim-pid", type=int)
    parser.add_argument("--json")
    args = parser.parse_args()
    if not (1 <= args.threads <= 1000 and 0 < args.seconds <= 3600 and 0 <= args.warmup <= 600):
        sys.exit("python_sdk_load: threads 1..1000, seconds (0, 3600], warmup [0, 600]")
    host = urllib.parse.urlparse(args.base_url).hostname
    if host not in LOOPBACK_HOSTS:
        sys.exit("python_sdk_load: --base-url must be on loopback")

    def key(name):
        with open(os.path.join(args.keys, name)) as f:
            return f.read().strip()

    patch_transport()
    client = DefaultAlipayClient(
        args.base_url,
        args.client_id,
        key("merchant_private_pkcs1.b64"),
        key("gateway_public_spki.b64"),
    )
    run = "%x%x" % (os.getpid(), int(time.time() * 1000) % 0xFFFFFFFF)
    # The SDK's crypto alone, single thread, with the merchant key pair (its public half is
    # in the simulator's key directory too).
    t_sign, t_verify = crypto_floor(
        key("merchant_private_pkcs1.b64"), key("merchant_public_spki.b64"), args.client_id
    )
    ok, error = one_call(client, "py-check-" + run, args.card)
    if not ok:
        sys.exit("python_sdk_load: the first call failed: %s" % error)
    if args.warmup > 0:
        print("warm-up: %d thread(s), %.1f s ..." % (args.threads, args.warmup), file=sys.stderr)
        run_phase(client, args.threads, args.warmup, args.card, "pw" + run)

    print("load: %d thread(s), %.1f s ..." % (args.threads, args.seconds), file=sys.stderr)
    sim_before = proc_cpu_seconds(args.sim_pid) if args.sim_pid else None
    machine_before = machine_busy_seconds()
    usage_before = resource.getrusage(resource.RUSAGE_SELF)
    latencies, errors, first_error, wall = run_phase(
        client, args.threads, args.seconds, args.card, "pl" + run
    )
    usage_after = resource.getrusage(resource.RUSAGE_SELF)
    machine_busy = machine_busy_seconds() - machine_before
    sim_cpu = None
    if sim_before is not None:
        after = proc_cpu_seconds(args.sim_pid)
        sim_cpu = after - sim_before if after is not None else None

    calls = len(latencies)
    latencies.sort()
    user = usage_after.ru_utime - usage_before.ru_utime
    sys_cpu = usage_after.ru_stime - usage_before.ru_stime
    cpu = user + sys_cpu
    per_call = lambda s: s / max(calls, 1)  # noqa: E731
    others = max(0.0, machine_busy - cpu - (sim_cpu or 0.0))
    figures = {
        "bench": "python-sdk",
        "sdk": "global-open-sdk-python 1.7.1",
        "gateway": args.base_url,
        "threads": args.threads,
        "seconds": args.seconds,
        "card": args.card,
        "sdk_crypto_ms": {"sign": t_sign * 1e3, "verify": t_verify * 1e3},
        "calls": calls,
        "errors": errors,
        "wall_s": wall,
        "calls_per_s": calls / wall if wall > 0 else 0.0,
        "latency_ms": {
            "p50": percentile(latencies, 50) * 1e3,
            "p90": percentile(latencies, 90) * 1e3,
            "p99": percentile(latencies, 99) * 1e3,
            "mean": (sum(latencies) / calls * 1e3) if calls else float("nan"),
            "max": (latencies[-1] * 1e3) if calls else float("nan"),
        },
        "cpu_s": {
            "user": user,
            "sys": sys_cpu,
            "per_call_us": per_call(cpu) * 1e6,
            "simulator": sim_cpu,
            "others": others,
        },
    }
    lat = figures["latency_ms"]
    rows = [
        ("SDK sign alone, 1 thread", "%.2f ms" % (t_sign * 1e3)),
        ("SDK verify alone, 1 thread", "%.2f ms" % (t_verify * 1e3)),
        ("calls completed", "%d" % calls),
        ("errors", "%d" % errors),
        ("measured window (wall)", "%.2f s" % wall),
        ("throughput (calls/s)", "%.1f" % figures["calls_per_s"]),
        ("latency p50", "%.2f ms" % lat["p50"]),
        ("latency p90", "%.2f ms" % lat["p90"]),
        ("latency p99", "%.2f ms" % lat["p99"]),
        ("latency mean / max", "%.2f / %.1f ms" % (lat["mean"], lat["max"])),
        ("CPU user + sys, this process", "%.2f + %.2f s" % (user, sys_cpu)),
        ("CPU per call, this process", "%.0f us" % (per_call(cpu) * 1e6)),
    ]
    if sim_cpu is not None:
        rows.append(("CPU per call, simulator process", "%.0f us" % (per_call(sim_cpu) * 1e6)))
    rows.append(("other processes' CPU in the window", "%.1f s" % others))
    print("\nPython SDK load: global-open-sdk-python 1.7.1, DefaultAlipayClient.execute with the")
    print("  transport patched to plain HTTP on loopback (see the docstring), against " + args.base_url)
    print("  %d thread(s) sharing one client, card %s" % (args.threads, args.card))
    print("  | %-35s | %18s |" % ("figure", "value"))
    print("  |%s|%s|" % ("-" * 37, "-" * 20))
    for name, value in rows:
        print("  | %-35s | %18s |" % (name, value))
    if first_error:
        print("first error: " + first_error)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(figures, f, indent=2)
    if errors or not calls:
        sys.exit(1)


if __name__ == "__main__":
    main()
