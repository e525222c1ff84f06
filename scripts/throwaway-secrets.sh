# Sourced, not run. The secrets the production profile will not start without, each set to a fresh random
# value unless already set, for runs of the packaged application that are thrown away afterwards: CI checks,
# benchmarks, the browser tests and the image's AOT training. A real deployment takes them from the secret
# otklik-secrets (k8s/base/deployment.yaml). PackagedAppResource and ThrowawaySecretsTest read the list below.
throwaway_secrets="OTKLIK_POLLS_PARTICIPATION_SECRET OTKLIK_POLLS_BALLOT_KEY OTKLIK_MEDIA_LINK_SECRET OTKLIK_NOTIFY_UNSUBSCRIBE_SECRET"
for throwaway_secret in $throwaway_secrets; do
  [ -n "${!throwaway_secret:-}" ] || export "$throwaway_secret=throwaway-$(head -c 24 /dev/urandom | base64)"
done
unset throwaway_secret
