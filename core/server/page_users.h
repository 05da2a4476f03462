/* The accounts page (admin): every account, read-only. */
#ifndef INTAKE_PAGE_USERS_H
#define INTAKE_PAGE_USERS_H

#include "page.h"

/* GET /users: name, role, office, language, disabled, locked until and
 * last login of every account.  Accounts change only through `intake
 * user` at the server's terminal. */
void get_users(struct pages_context *ctx, const struct page_request *req,
	       struct signed_in *in, struct page_response *res);

#endif
