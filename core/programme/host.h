/* The host table handed to plugins: struct intake_host over an application. */
#ifndef INTAKE_HOST_H
#define INTAKE_HOST_H

#include <intake/plugin.h>

/* The one host table of this core (static, never freed). */
const struct intake_host *host_table(void);

#endif
