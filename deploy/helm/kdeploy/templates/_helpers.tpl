{{/* Names, labels and the checks every render runs. */}}

{{- define "kdeploy.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "kdeploy.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "kdeploy.selectorLabels" -}}
app.kubernetes.io/name: {{ include "kdeploy.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "kdeploy.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "kdeploy.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "kdeploy.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "kdeploy.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The Secret this chart writes for values given in clear (never for existing Secrets). */}}
{{- define "kdeploy.secretName" -}}
{{- include "kdeploy.fullname" . -}}
{{- end -}}

{{- define "kdeploy.usesPostgres" -}}
{{- if or .Values.database.url .Values.database.existingSecret -}}true{{- end -}}
{{- end -}}

{{- define "kdeploy.hasSecretKey" -}}
{{- if or .Values.secretKey.value .Values.secretKey.existingSecret -}}true{{- end -}}
{{- end -}}

{{/* True when the chart's own Secret has at least one key. */}}
{{- define "kdeploy.ownSecret" -}}
{{- if or (and .Values.database.url (not .Values.database.existingSecret)) (and .Values.redis.url (not .Values.redis.existingSecret)) (and .Values.secretKey.value (not .Values.secretKey.existingSecret)) (and .Values.metrics.enabled .Values.metrics.token (not .Values.metrics.existingSecret)) (and .Values.initialAdmin.email .Values.initialAdmin.password (not .Values.initialAdmin.existingSecret)) -}}true{{- end -}}
{{- end -}}

{{/* One env var from either an existing Secret or the chart's Secret. */}}
{{- define "kdeploy.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret | default .ownSecret }}
      key: {{ if .existingSecret }}{{ .existingKey }}{{ else }}{{ .name }}{{ end }}
{{- end -}}

{{/* Combinations that would lose data or break sealed credentials fail the render with the reason. */}}
{{- define "kdeploy.validate" -}}
{{- $postgres := include "kdeploy.usesPostgres" . -}}
{{- if and (not $postgres) (gt (int .Values.replicaCount) 1) -}}
{{- fail "replicaCount > 1 needs PostgreSQL (database.url or database.existingSecret): SQLite is one file that one instance writes" -}}
{{- end -}}
{{- if and (not $postgres) (not .Values.persistence.enabled) -}}
{{- fail "SQLite without persistence loses every project and deployment when the pod restarts: enable persistence or use PostgreSQL (database.url or database.existingSecret)" -}}
{{- end -}}
{{- if and $postgres (not (include "kdeploy.hasSecretKey" .)) -}}
{{- fail "With PostgreSQL the pods keep no volume, so the secret key must be fixed: set secretKey.value or secretKey.existingSecret (32 bytes, base64 or hex: openssl rand -base64 32)" -}}
{{- end -}}
{{- $pool := .Values.database.poolSize | toString -}}
{{- if and $postgres (or (not (regexMatch "^[0-9]+$" $pool)) (lt (atoi $pool) 1) (gt (atoi $pool) 1000)) -}}
{{- fail (printf "database.poolSize must be a whole number from 1 to 1000 (connections per replica), not %s" $pool) -}}
{{- end -}}
{{- if and .Values.metrics.enabled (not (or .Values.metrics.token .Values.metrics.existingSecret)) -}}
{{- fail "metrics.enabled needs metrics.token or metrics.existingSecret (the bearer token Prometheus sends)" -}}
{{- end -}}
{{- if and .Values.metrics.token (lt (len .Values.metrics.token) 32) -}}
{{- fail "metrics.token must be at least 32 characters (openssl rand -hex 32)" -}}
{{- end -}}
{{- if and .Values.ingress.enabled (not .Values.publicUrl) -}}
{{- fail "ingress.enabled needs publicUrl (e.g. https://kdeploy.example.com): the server refuses Host and Origin headers that are not its own" -}}
{{- end -}}
{{- end -}}
