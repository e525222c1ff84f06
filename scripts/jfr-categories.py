#!/usr/bin/env python3
"""Where a service's CPU went, from a JFR recording (used by bench-polls.sh with JFR=FILE).

Each jdk.ExecutionSample is counted once, under the first category below whose pattern matches any
frame of its stack (so the RSA check of a token counts as RSA, not as token parsing).
    python3 scripts/jfr-categories.py /tmp/votes.jfr
"""
import collections
import re
import subprocess
import sys

CATEGORIES = [
    ("RSA signature check of the token (BigInteger)", r"java\.math\.|sun\.security\.rsa|RSASignature"),
    ("token parsing and claims (jose4j, smallrye-jwt, quarkus-oidc)", r"org\.jose4j|io\.smallrye\.jwt|io\.quarkus\.oidc"),
    ("AES-GCM sealing and unsealing", r"com\.sun\.crypto\.provider\.(GaloisCounterMode|GHASH|AES|CounterMode)|BallotSeal"),
    ("HMAC / SHA-256 (participation key, receipt)", r"sun\.security\.provider\.SHA|HmacCore|javax\.crypto\.Mac|MessageDigest"),
    ("SecureRandom", r"SecureRandom"),
    ("LIVE snapshot job", r"LiveTallies|TallyJobs"),
    ("Jackson (request and answer bodies)", r"com\.fasterxml\.jackson"),
    ("PostgreSQL client", r"io\.vertx\.pgclient|io\.vertx\.sqlclient"),
    ("RESTEasy Reactive", r"org\.jboss\.resteasy\.reactive"),
    ("context propagation / ArC", r"io\.smallrye\.context|io\.quarkus\.arc"),
    ("Vert.x HTTP / Netty", r"io\.netty|io\.vertx\.core\.http|io\.vertx\.ext\.web"),
    ("the rest of org.otklik", r"org\.otklik\."),
]


def stacks(recording):
    printed = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", recording],
                             capture_output=True, text=True, check=True).stdout
    current = None
    for line in printed.splitlines():
        text = line.strip()
        if text.startswith("stackTrace = ["):
            current = []
        elif current is not None:
            if text.startswith("]"):
                yield current
                current = None
            elif text != "...":
                current.append(re.sub(r"\s+line:.*", "", text))


def main():
    counts = collections.Counter()
    total = 0
    compiled = [(name, re.compile(pattern)) for name, pattern in CATEGORIES]
    for stack in stacks(sys.argv[1]):
        total += 1
        for name, pattern in compiled:
            if any(pattern.search(frame) for frame in stack):
                counts[name] += 1
                break
        else:
            counts["other"] += 1
    print(f"   {total} samples")
    for name, count in counts.most_common():
        print(f"   {100 * count / max(total, 1):5.1f} % {count:5d}  {name}")


if __name__ == "__main__":
    main()
