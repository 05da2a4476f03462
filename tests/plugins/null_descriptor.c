/* Test plugin: its entry symbol returns no descriptor (NULL), refused. */
#include <intake/plugin.h>

/* What INTAKE_PLUGIN_EXPORT makes, by hand, returning NULL. */
__attribute__((visibility("default"))) const struct intake_plugin *
intake_plugin_descriptor(void);
__attribute__((visibility("default"))) const struct intake_plugin *
intake_plugin_descriptor(void)
{
	return NULL;
}
