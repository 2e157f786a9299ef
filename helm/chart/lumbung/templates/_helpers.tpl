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

{{/* Environment shared by every role: database, JWT secret, Dukcapil. */}}
{{- define "lumbung.env" -}}
- name: DATASOURCE_URL
  value: {{ .Values.database.url | quote }}
- name: DATASOURCE_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ .Values.database.existingSecret }}
      key: username
- name: DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.database.existingSecret }}
      key: password
- name: LUMBUNG_JWT_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ .Values.jwt.existingSecret }}
      key: secret
- name: LUMBUNG_PROTECTION_KEYS
  valueFrom:
    secretKeyRef:
      name: {{ .Values.protection.existingSecret }}
      key: keys
- name: LUMBUNG_PROTECTION_ACTIVE_KEY_ID
  valueFrom:
    secretKeyRef:
      name: {{ .Values.protection.existingSecret }}
      key: activeKeyId
- name: LUMBUNG_PROTECTION_BLIND_INDEX_KEY
  valueFrom:
    secretKeyRef:
      name: {{ .Values.protection.existingSecret }}
      key: blindIndexKey
- name: LUMBUNG_AUDIT_KEYS
  valueFrom:
    secretKeyRef:
      name: {{ .Values.protection.existingSecret }}
      key: auditKeys
- name: LUMBUNG_AUDIT_ACTIVE_KEY_ID
  valueFrom:
    secretKeyRef:
      name: {{ .Values.protection.existingSecret }}
      key: auditActiveKeyId
{{- if .Values.connectors.dukcapil.baseUrl }}
- name: DUKCAPIL_BASE_URL
  value: {{ .Values.connectors.dukcapil.baseUrl | quote }}
- name: DUKCAPIL_USER_ID
  valueFrom:
    secretKeyRef:
      name: {{ .Values.connectors.dukcapil.existingSecret }}
      key: userId
- name: DUKCAPIL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.connectors.dukcapil.existingSecret }}
      key: password
{{- end }}
{{- end -}}
