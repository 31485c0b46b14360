/* Request preparation; see request.h. */
#include "request.h"

#include <string.h>

#include "event_id.h"
#include "payload.h"

void pw_prepared_init(struct pw_prepared *r)
{
	memset(r, 0, sizeof *r);
	pw_errors_init(&r->errors);
	pw_endpoint_init(&r->endpoint);
}

void pw_prepared_free(struct pw_prepared *r)
{
	pw_errors_free(&r->errors);
	pw_endpoint_free(&r->endpoint);
	pw_buf_wipe_free(&r->url);
	pw_buf_wipe_free(&r->path);
	pw_buf_wipe_free(&r->target);
	pw_buf_wipe_free(&r->body);
	pw_buf_wipe_free(&r->event_ids);
}

pw_status pw_prepare(const struct pw_operation *op, cJSON *input, const struct pw_endpoint_config *ec,
	struct pw_prepared *r, struct pw_error *e)
{
	const struct pw_service_info *svc = pw_service_info((enum pw_service)op->service);
	pw_status s;

	if (pw_validate_input(op->input, input, &r->errors) > 0) {
		return r->errors.json.failed ? PW_NOMEM : pw_refuse(e, "ValidationError", "");
	}
	if ((s = pw_resolve_endpoint(ec, (enum pw_service)op->service, &r->endpoint, e)) != PW_OK) return s;
	/* Every PutEvents event without an eventId gets one derived from its content (event_id.h),
	 * so the same input sent again is the same events, not new ones. */
	if (strcmp(op->name, "PutEvents") == 0) pw_assign_event_ids(input, op->input, &r->event_ids);
	pw_payload_build(&r->body, op->input, input);
	pw_buf_put(&r->path, r->endpoint.base_path.data, r->endpoint.base_path.len);
	pw_buf_puts(&r->path, op->http_path);
	pw_buf_put(&r->url, r->endpoint.base.data, r->endpoint.base.len);
	pw_buf_put(&r->url, r->path.data, r->path.len);
	/* The protocol's headers, from the model: awsJson1_1 names the operation in X-Amz-Target. */
	r->content_type = svc->content_type;
	r->content_type_len = strlen(svc->content_type);
	if (svc->target_prefix != NULL) {
		pw_buf_puts(&r->target, svc->target_prefix);
		pw_buf_putc(&r->target, '.');
		pw_buf_puts(&r->target, op->name);
	}
	if (r->event_ids.failed || r->body.failed || r->path.failed || r->url.failed || r->target.failed) return PW_NOMEM;
	return PW_OK;
}
