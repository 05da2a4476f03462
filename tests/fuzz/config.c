/* Fuzz config_load on whole intake.ini files; targets are found again. */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "support.h"

/*
 * Input: an intake.ini.  When it loads, every [targets] entry read is
 * what config_target finds for its programme, outcome and year (repeats
 * are refused, so there is one of each).
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config config;
	long long count;

	if (config_load(&config, fuzz_file(data, size)))
		return 0;
	if (!config.path || !config.database || !config.plugin_dir ||
	    !config.form_dir || !config.office || !config.staff)
		fuzz_fail("config_load left a setting NULL");
	for (size_t i = 0; i < config.n_targets; i++) {
		const struct target *t = &config.targets[i];

		if (config_target(&config, t->programme, t->outcome,
				  t->fiscal_year, &count) ||
		    count != t->count)
			fuzz_fail("target %s.%s.%d = %lld not found again",
				  t->programme, t->outcome, t->fiscal_year,
				  t->count);
	}
	config_release(&config);
	return 0;
}
