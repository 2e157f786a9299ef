{{/* Chart name, trimmed to Kubernetes' limit. */}}
{{- define "lumbung.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Fully qualified name of the release. */}}
{{- define "lumbung.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "lumbung.api.fullname" -}}
{{- printf "%s-api" (include "lumbung.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "lumbung.worker.fullname" -}}
{{- printf "%s-worker" (include "lumbung.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "lumbung.migrations.fullname" -}}
{{- printf "%s-migrations" (include "lumbung.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "lumbung.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/* Standard labels. */}}
{{- define "lumbung.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "lumbung.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: lumbung
{{- end -}}

{{- define "lumbung.selectorLabels" -}}
app.kubernetes.io/name: {{ include "lumbung.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* A variable read from a Secret's key. Arguments: list name secret key. */}}
{{- define "lumbung.secretEnv" -}}
- name: {{ index . 0 }}
  valueFrom:
    secretKeyRef:
      name: {{ index . 1 }}
      key: {{ index . 2 }}
{{- end -}}

{{/* The database, as the application's own login. */}}
{{- define "lumbung.env.database" -}}
- name: DATASOURCE_URL
  value: {{ .Values.database.url | quote }}
{{ include "lumbung.secretEnv" (list "DATASOURCE_USERNAME" .Values.database.existingSecret "username") }}
{{ include "lumbung.secretEnv" (list "DATASOURCE_PASSWORD" .Values.database.existingSecret "password") }}
{{- end -}}

{{/* Environment of the api and the worker: database, secrets, data folder, limits, banks. */}}
{{- define "lumbung.env" -}}
{{ include "lumbung.env.database" . }}
{{ include "lumbung.secretEnv" (list "LUMBUNG_JWT_SECRET" .Values.jwt.existingSecret "secret") }}
{{ include "lumbung.secretEnv" (list "LUMBUNG_PROTECTION_KEYS" .Values.protection.existingSecret "keys") }}
{{ include "lumbung.secretEnv" (list "LUMBUNG_PROTECTION_ACTIVE_KEY_ID" .Values.protection.existingSecret "activeKeyId") }}
{{ include "lumbung.secretEnv" (list "LUMBUNG_PROTECTION_BLIND_INDEX_KEY" .Values.protection.existingSecret "blindIndexKey") }}
{{ include "lumbung.secretEnv" (list "LUMBUNG_AUDIT_KEYS" .Values.protection.existingSecret "auditKeys") }}
{{ include "lumbung.secretEnv" (list "LUMBUNG_AUDIT_ACTIVE_KEY_ID" .Values.protection.existingSecret "auditActiveKeyId") }}
- name: LUMBUNG_DATA_DIR
  value: /data
- name: LUMBUNG_MANAGEMENT_PORT
  value: {{ .Values.management.port | quote }}
- name: LUMBUNG_RATE_LIMITS_LOGIN_PER_IP
  value: {{ .Values.rateLimits.loginPerIp | quote }}
- name: LUMBUNG_RATE_LIMITS_LOGIN_PER_USER
  value: {{ .Values.rateLimits.loginPerUser | quote }}
- name: LUMBUNG_RATE_LIMITS_LOOKUP_PER_USER
  value: {{ .Values.rateLimits.lookupPerUser | quote }}
- name: LUMBUNG_RATE_LIMITS_LOOKUP_PER_TENANT
  value: {{ .Values.rateLimits.lookupPerTenant | quote }}
- name: LUMBUNG_LOG_FORMAT
  value: {{ .Values.observability.logFormat | quote }}
{{- with .Values.observability.otlpEndpoint }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ . | quote }}
{{- end }}
{{- range $name, $date := .Values.observability.secretsExpiry }}
- name: LUMBUNG_SECRETS_EXPIRY_{{ upper $name }}
  value: {{ $date | quote }}
{{- end }}
{{- range $code, $bank := .Values.connectors.banks }}
{{- $prefix := printf "LUMBUNG_CONNECTORS_BANKS_%s_" (upper $code) }}
- name: {{ $prefix }}BASE_URL
  value: {{ $bank.baseUrl | quote }}
- name: {{ $prefix }}PARTNER_ID
  value: {{ $bank.partnerId | quote }}
- name: {{ $prefix }}CHANNEL_ID
  value: {{ $bank.channelId | quote }}
- name: {{ $prefix }}SOURCE_ACCOUNT_NO
  value: {{ $bank.sourceAccountNo | quote }}
{{ include "lumbung.secretEnv" (list (printf "%sCLIENT_ID" $prefix) $bank.existingSecret "clientId") }}
{{ include "lumbung.secretEnv" (list (printf "%sCLIENT_SECRET" $prefix) $bank.existingSecret "clientSecret") }}
{{ include "lumbung.secretEnv" (list (printf "%sPRIVATE_KEY" $prefix) $bank.existingSecret "privateKey") }}
{{ include "lumbung.secretEnv" (list (printf "%sBANK_PUBLIC_KEY" $prefix) $bank.existingSecret "bankPublicKey") }}
{{- end }}
{{- with .Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* The agencies only the worker calls. */}}
{{- define "lumbung.env.agencies" -}}
{{- with .Values.connectors.dukcapil }}
{{- if .baseUrl }}
- name: DUKCAPIL_BASE_URL
  value: {{ .baseUrl | quote }}
{{ include "lumbung.secretEnv" (list "DUKCAPIL_USER_ID" .existingSecret "userId") }}
{{ include "lumbung.secretEnv" (list "DUKCAPIL_PASSWORD" .existingSecret "password") }}
{{- if .institution }}
- name: LUMBUNG_CONNECTORS_DUKCAPIL_INSTITUTION
  value: {{ .institution | quote }}
{{- end }}
{{- if .ipUser }}
- name: LUMBUNG_CONNECTORS_DUKCAPIL_IP_USER
  value: {{ .ipUser | quote }}
{{- end }}
- name: LUMBUNG_CONNECTORS_DUKCAPIL_RATE_PER_SECOND
  value: {{ .ratePerSecond | quote }}
{{- end }}
{{- end }}
{{- with .Values.connectors.kemensos }}
{{- if .baseUrl }}
- name: KEMENSOS_BASE_URL
  value: {{ .baseUrl | quote }}
{{- $secret := .existingSecret }}
{{- range .tenants }}
{{ include "lumbung.secretEnv" (list (printf "LUMBUNG_CONNECTORS_KEMENSOS_TENANTS_%s_KEY" (toString .)) $secret (toString .)) }}
{{- end }}
{{- end }}
{{- end }}
{{- range $npsn, $school := .Values.connectors.dapodik.schools }}
{{- $prefix := printf "LUMBUNG_CONNECTORS_DAPODIK_SCHOOLS_%s_" $npsn }}
- name: {{ $prefix }}TENANT_ID
  value: {{ $school.tenantId | quote }}
- name: {{ $prefix }}NAME
  value: {{ $school.name | quote }}
- name: {{ $prefix }}URL
  value: {{ $school.url | quote }}
{{ include "lumbung.secretEnv" (list (printf "%sTOKEN" $prefix) $school.existingSecret "token") }}
{{- end }}
{{- end -}}

{{/* What every pod of the api and the worker shares: its security, volumes, probes. */}}
{{- define "lumbung.podSecurity" -}}
securityContext:
  runAsNonRoot: true
  runAsUser: 10001
  runAsGroup: 10001
  fsGroup: 10001
  seccompProfile:
    type: RuntimeDefault
{{- with .Values.image.pullSecrets }}
imagePullSecrets:
  {{- range . }}
  - name: {{ . }}
  {{- end }}
{{- end }}
volumes:
  - name: data
    emptyDir:
      sizeLimit: {{ .Values.data.sizeLimit }}
  - name: tmp
    emptyDir: {}
{{- end -}}

{{- define "lumbung.containerSecurity" -}}
securityContext:
  readOnlyRootFilesystem: true
  allowPrivilegeEscalation: false
  capabilities:
    drop: ["ALL"]
volumeMounts:
  - name: data
    mountPath: /data
  - name: tmp
    mountPath: /tmp
{{- with .Values.envFrom }}
envFrom:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Probes on the management port: ready when the database answers and the schema is current. */}}
{{- define "lumbung.probes" -}}
startupProbe:
  httpGet:
    path: /health/liveness
    port: management
  periodSeconds: 5
  failureThreshold: 36
readinessProbe:
  httpGet:
    path: /health/readiness
    port: management
  periodSeconds: 10
livenessProbe:
  httpGet:
    path: /health/liveness
    port: management
  periodSeconds: 20
{{- end -}}
