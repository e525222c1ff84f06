# Sourced, not run, by every script that starts the packaged application for a run thrown away afterwards: CI
# checks, benchmarks, the browser tests and the image's AOT training.
#
# The secrets the production profile will not start without, each set to a fresh random value unless already
# set. A real deployment takes them from the secret otklik-secrets (k8s/base/deployment.yaml).
# PackagedAppResource reads this list and ManifestConsistencyTest checks it against the prod profile.
throwaway_secrets="OTKLIK_POLLS_PARTICIPATION_SECRET OTKLIK_POLLS_BALLOT_KEY OTKLIK_MEDIA_LINK_SECRET OTKLIK_NOTIFY_UNSUBSCRIBE_SECRET"
for throwaway_secret in $throwaway_secrets; do
  [ -n "${!throwaway_secret:-}" ] || export "$throwaway_secret=throwaway-$(head -c 24 /dev/urandom | base64)"
done
unset throwaway_secret

# A free TCP port on 127.0.0.1.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Makes DIR/key.pem, the run's token-signing key, and DIR/public.pem; prints the public key in the one-line form
# quarkus.oidc.public-key takes.
token_signing_key() {
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1/key.pem" 2>/dev/null
  openssl pkey -in "$1/key.pem" -pubout -out "$1/public.pem"
  grep -v -- '-----' "$1/public.pem" | tr -d '\n'
}
