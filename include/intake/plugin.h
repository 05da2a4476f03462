/* intake plugin ABI v1.3: the one header a programme plugin includes. */
#ifndef INTAKE_PLUGIN_H
#define INTAKE_PLUGIN_H

/*
 * A programme plugin is a shared object that exports exactly one symbol,
 * INTAKE_PLUGIN_SYMBOL, made by INTAKE_PLUGIN_EXPORT(descriptor).  It
 * returns a pointer to a constant descriptor.  The core checks the
 * descriptor's magic, ABI major, ABI minor and size before it reads
 * anything else or calls any callback.
 *
 * Compatibility rules:
 *  - abi_major must equal the core's INTAKE_ABI_MAJOR;
 *  - abi_minor must not be newer than the core's INTAKE_ABI_MINOR;
 *  - size must be at least what the core needs for that minor.
 * New descriptor members and new host functions are only ever appended,
 * with a minor bump; nothing is removed or reordered within a major.
 *
 * History: 1.0 the first; 1.1 appended the descriptor's fields list
 * (fields, n_fields) and the host's format_date and has_choice; 1.2
 * appended the descriptor's outcome needs (outcome_needs,
 * n_outcome_needs), order rules the core applies before check_outcome;
 * 1.3 appended the descriptor's outcome amounts (amounts, n_amounts:
 * which outcomes carry an amount in yen) and follow-ups (follow_ups,
 * n_follow_ups: what falls due after an outcome), and the host's
 * get_amount (the amount given with the outcome being checked).
 *
 * Plugins never print, never exit, never allocate memory the core must
 * free and never link against core symbols: everything they may use from
 * the core is in struct intake_host, passed to every callback.
 *
 * Threads and processes.  What a plugin may assume, and must keep to:
 *  - init runs once, when the core loads the plugin, in the core's own
 *    process, before any other callback and before the server starts
 *    serving.  fini runs last, in that process.
 *  - validate, derive and check_outcome may run in the core's process
 *    (the command line, the terminal counter) or, under `intake serve`,
 *    each in a child process forked for that one call, on the child's
 *    copy of the case.  What a callback changes in memory (its static
 *    variables, say) is lost when the child ends: keep no state from
 *    one call to the next, and report results only through the host
 *    (error, set_integer, set_text), whose effects the core carries
 *    back.  A child process of the core must not be relied on to run
 *    anything after the callback returns.
 *  - A callback may be called from any thread of the core, and calls
 *    on different cases may run at the same time (in different threads
 *    or processes); it is never called from two threads at once on the
 *    same case.  Data a plugin shares between cases is read-only after
 *    init.
 *  - A callback must not keep a pointer to the case, or to a text the
 *    host returned, after it returns.
 *  - A callback must not start threads or processes, install signal
 *    handlers, change the signal mask or close file descriptors it did
 *    not open.
 *  - Under `intake serve`, a callback that takes longer than the time
 *    limit (5 seconds by default) is killed (SIGKILL), and one that
 *    crashes ends only its child: either way the case gets a problem
 *    saying the check could not be completed, nothing is stored, and
 *    the call counts as a refusal.  A callback should take
 *    milliseconds: it works on one case in memory.
 *
 * Dates cross the ABI as integers yyyymmdd (2026-04-01 is 20260401), so
 * that two dates compare with < and >, and a whole-year age is
 * (on - birth) / 10000.  The host never hands back a value a plugin
 * could take for a date by mistake: date arithmetic saturates to
 * INTAKE_DATE_NEVER (later than every date) or 0 (earlier than every
 * date), neither of which is a date itself.
 */

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define INTAKE_PLUGIN_MAGIC 0x4b544e49u /* "INTK" read little-endian */
#define INTAKE_ABI_MAJOR 1
#define INTAKE_ABI_MINOR 3
#define INTAKE_PLUGIN_SYMBOL "intake_plugin_descriptor"

/* The application (or form, in init) a callback works on.  Opaque. */
struct intake_case;

/* Callback results. */
#define INTAKE_OK 0
#define INTAKE_REFUSE 1

/* Whether an outcome counts once per application or every time. */
#define INTAKE_EVERY 0 /* e.g. a consultation (相談): 延べ counts each */
#define INTAKE_ONCE 1  /* e.g. employed (就職): recorded at most once */

/* Later than every date (and no date itself): what date_add_months gives
 * past 9999-12-31 or for an invalid date, so that "on or after N months
 * later" never holds by accident.  0 is earlier than every date. */
#define INTAKE_DATE_NEVER 99999999L

/* Log levels for intake_host.log. */
#define INTAKE_LOG_DEBUG 0
#define INTAKE_LOG_INFO 1
#define INTAKE_LOG_WARN 2

/* One outcome a programme records, declared in a static array. */
struct intake_outcome {
	const char *code;     /* stable id, [a-z0-9_], e.g. "employed" */
	const char *label_ja; /* e.g. "県内就職" */
	const char *label_en; /* e.g. "employed in the prefecture" */
	int once;             /* INTAKE_ONCE or INTAKE_EVERY */
};

/*
 * A form field the plugin reads or sets, declared in the descriptor's
 * fields list (ABI 1.1).  Before init, the core checks each one against
 * the form: the field exists, has type type, and (codes not NULL) its
 * choice or multi field offers every code of codes.  Any mismatch is
 * printed, one line each, and the plugin is refused.  "received_on" is
 * always there, as a date.
 */
struct intake_field_need {
	const char *id;    /* field id: "household" */
	const char *type;  /* type name as in the form: "choice", "yen" */
	const char *codes; /* NULL, or codes relied on: "single,household" */
};

/*
 * An order rule on outcomes, declared in the descriptor's outcome_needs
 * list (ABI 1.2): code may be recorded only when needs was recorded on
 * or before its date.  Several entries for one code must all hold.
 * code and needs name outcomes of the descriptor (the core refuses the
 * plugin otherwise, and a code that needs itself).  Before calling
 * check_outcome, the core reports each need that fails as a problem of
 * the whole application (field NULL) with rule and the message in the
 * staff's language, as host->error does; check_outcome is not called
 * when one failed, so it may take every declared need as met.
 */
struct intake_outcome_need {
	const char *code;       /* the outcome being recorded: "grant_paid" */
	const char *needs;      /* the earlier outcome: "grant_decided" */
	const char *rule;       /* rule id: "needs_grant_decided" */
	const char *message_ja; /* what to do, for counter staff */
	const char *message_en;
};

/* Whether an outcome's amount must be given (struct intake_outcome_amount). */
#define INTAKE_AMOUNT_OPTIONAL 0
#define INTAKE_AMOUNT_REQUIRED 1

/*
 * An outcome that carries an amount in yen (支給額), declared in the
 * descriptor's amounts list (ABI 1.3).  code names an outcome of the
 * descriptor, at most once in the list.  `intake outcome … --amount N`
 * is refused for an outcome not in the list, and without --amount for
 * one whose amount is INTAKE_AMOUNT_REQUIRED; the core parses it as a
 * yen field (万 allowed, whole yen, 0 or more).  check_outcome then
 * reads it with host->get_amount and says whether it holds (not above
 * the decided amount, say).  `intake tally` sums the amounts of each
 * such outcome beside its counts.
 */
struct intake_outcome_amount {
	const char *code; /* the outcome: "grant_paid" */
	int required;     /* INTAKE_AMOUNT_REQUIRED or INTAKE_AMOUNT_OPTIONAL */
};

/*
 * A check that falls due after an outcome, declared in the descriptor's
 * follow_ups list (ABI 1.3): code is due months after the first
 * recording of after, unless code is recorded by then.  months_rule
 * (NULL for none) names a [rules] key of the form whose value, when the
 * form has it, replaces months, so that a change of rule is an edit.
 * code and after name outcomes of the descriptor and differ; months is
 * 1 to 1200 (the core refuses the plugin otherwise, and a [rules] value
 * outside that range).  `intake due` lists them.
 */
struct intake_follow_up {
	const char *code;        /* what falls due: "retained_6m" */
	const char *after;       /* what starts the clock: "employed" */
	int months;              /* due this many months after: 6 */
	const char *months_rule; /* NULL, or a key: "retention_months" */
};

/*
 * Functions of the core a plugin may call.  The table grows only at the
 * end.  A plugin runs only on a core whose ABI minor is at least its
 * own, so it may call every member its header declares.  A plugin that
 * declares an older minor on purpose, to load on older cores too, checks
 * the size before calling a member added after that minor:
 *   if (INTAKE_HOST_HAS(host, format_date)) ...
 *
 * Field getters return 1 when the field has a value, 0 when it is not
 * answered (or the field does not exist), and write nothing then.
 * Stored values are normalised: integers and yen as integers, dates as
 * yyyymmdd, bool as 0/1, choice as its code, multi as comma-separated
 * codes.  The application's reception date is the field "received_on".
 */
struct intake_host {
	size_t size; /* sizeof(struct intake_host) of the running core */
	int abi_major;
	int abi_minor;

	/* Stored text of a field; valid until the callback returns. */
	int (*get_text)(struct intake_case *c, const char *field,
			const char **value);
	/* Integer, yen or bool field as an integer. */
	int (*get_integer)(struct intake_case *c, const char *field,
			   long long *value);
	/* Date field as yyyymmdd. */
	int (*get_date)(struct intake_case *c, const char *field,
			long *yyyymmdd);
	/* 1 if a choice or multi field holds code, else 0. */
	int (*has_code)(struct intake_case *c, const char *field,
			const char *code);

	/*
	 * Report a problem.  field names the field the staff should fix
	 * (NULL for the whole application); rule is a short stable id of
	 * the rule that failed ("grant_tokyo23_years"); the messages say
	 * what is expected, in Japanese and English.  Any reported problem
	 * makes the callback's result a refusal.  A rule about several
	 * fields (a plan dated before its diagnosis) reports each of them
	 * with the same rule and messages: staff see one sentence naming
	 * them all, and the counter offers each to fix.
	 */
	void (*error)(struct intake_case *c, const char *field,
		      const char *rule, const char *message_ja,
		      const char *message_en);

	/* Set a derived field (declared "derived = yes" in the form). */
	int (*set_integer)(struct intake_case *c, const char *field,
			   long long value);
	int (*set_text)(struct intake_case *c, const char *field,
			const char *value);

	/*
	 * A rule value from the form's [rules] section, so that next
	 * year's amounts are an edit, not a rebuild.  Returns fallback
	 * when the key is absent.
	 */
	long long (*rule_integer)(struct intake_case *c, const char *key,
				  long long fallback);

	/* Form inspection for init: the type name of a field ("date"), or
	 * NULL when the form has no such field. */
	const char *(*field_type)(struct intake_case *c, const char *field);

	/* Earlier outcomes of this application (in check_outcome). */
	int (*outcome_count)(struct intake_case *c, const char *code);
	/* Date of the first recording of code, or 0 if never recorded. */
	long (*outcome_first_date)(struct intake_case *c, const char *code);

	/*
	 * Date arithmetic on yyyymmdd: add months (negative to go back),
	 * keeping the day where the month has it and using the month's
	 * last day otherwise.  It saturates, and never returns a value
	 * that could be taken for a date by mistake: a result after
	 * 9999-12-31, or an invalid yyyymmdd given (0 from
	 * outcome_first_date too), gives INTAKE_DATE_NEVER, later than
	 * every date, so "date >= date_add_months(start, n)" is false; a
	 * result before year 1 gives 0, earlier than every date.
	 */
	long (*date_add_months)(long yyyymmdd, int months);

	/* A line for the core's log (not shown to counter staff). */
	void (*log)(struct intake_case *c, int level, const char *message);

	/* Added in ABI 1.1. */

	/* yyyymmdd as "YYYY-MM-DD" in buf, for messages; INTAKE_DATE_NEVER
	 * gives "never" (なし in Japanese), any other invalid date
	 * "0000-00-00".  Always terminated when size > 0; 11 bytes hold it
	 * all. */
	void (*format_date)(long yyyymmdd, char *buf, size_t size);
	/* 1 when the form's choice or multi field offers code, else 0.
	 * It asks the form; has_code asks the answer. */
	int (*has_choice)(struct intake_case *c, const char *field,
			  const char *code);

	/* Added in ABI 1.3. */

	/* In check_outcome: the amount in yen given with the outcome being
	 * checked, 1 and *yen; 0 when none was given, when the outcome is
	 * not in the descriptor's amounts list, or outside check_outcome,
	 * and nothing written then.  check_outcome may run before an
	 * amount is asked (the counter's menu): none given is no refusal,
	 * the core itself requires a required amount. */
	int (*get_amount)(struct intake_case *c, long long *yen);
};

/* Whether the running core's host table has member (see above). */
#define INTAKE_HOST_HAS(host, member)                                         \
	((host)->size >= offsetof(struct intake_host, member) +               \
				 sizeof((host)->member))

/* The descriptor.  Fill it with INTAKE_DESCRIPTOR_HEADER first. */
struct intake_plugin {
	uint32_t magic;     /* INTAKE_PLUGIN_MAGIC */
	uint16_t abi_major; /* INTAKE_ABI_MAJOR the plugin was built for */
	uint16_t abi_minor; /* INTAKE_ABI_MINOR the plugin was built for */
	uint32_t size;      /* sizeof(struct intake_plugin) when built */

	const char *id;             /* programme id, [a-z0-9_], "uij_turn" */
	const char *version;        /* plugin version, "1.0.0" */
	const char *title_ja;       /* "UIJターン就職・移住支援" */
	const char *title_en;       /* "UIJ-turn employment and relocation" */
	const char *receipt_prefix; /* [A-Z]{2,8}: "UIJ" */
	const char *form;           /* form file in form_dir: "uij_turn.ini" */

	const struct intake_outcome *outcomes;
	size_t n_outcomes;

	/*
	 * Callbacks, all optional (NULL).  Each returns INTAKE_OK or
	 * INTAKE_REFUSE; reasons go through host->error.
	 *
	 * init:          the form is loaded and has the fields declared
	 *                below; check what a fields list cannot say (rule
	 *                values, say).  A refusal unloads.
	 * validate:      cross-field rules on a whole application.
	 * derive:        computed fields (host->set_integer/set_text);
	 *                runs after validate succeeded.
	 * check_outcome: may outcome code be recorded on date yyyymmdd,
	 *                given the answers and earlier outcomes?  Called
	 *                only when the declared outcome needs of code hold;
	 *                it says the rules a needs list cannot.
	 * fini:          the core is done with the plugin.
	 */
	int (*init)(const struct intake_host *host, struct intake_case *c);
	int (*validate)(const struct intake_host *host, struct intake_case *c);
	int (*derive)(const struct intake_host *host, struct intake_case *c);
	int (*check_outcome)(const struct intake_host *host,
			     struct intake_case *c, const char *code,
			     long yyyymmdd);
	void (*fini)(void);

	/* Added in ABI 1.1: the form fields the plugin reads or sets, for
	 * the core to check before init (struct intake_field_need).  NULL
	 * and 0 when there are none. */
	const struct intake_field_need *fields;
	size_t n_fields;

	/* Added in ABI 1.2: order rules on outcomes, applied by the core
	 * before check_outcome (struct intake_outcome_need).  NULL and 0
	 * when there are none. */
	const struct intake_outcome_need *outcome_needs;
	size_t n_outcome_needs;

	/* Added in ABI 1.3: the outcomes that carry an amount in yen
	 * (struct intake_outcome_amount) and the checks that fall due
	 * after an outcome (struct intake_follow_up).  NULL and 0 when
	 * there are none. */
	const struct intake_outcome_amount *amounts;
	size_t n_amounts;
	const struct intake_follow_up *follow_ups;
	size_t n_follow_ups;
};

/*
 * Minimum descriptor size a v1 core accepts: everything up to fini, the
 * size of a 1.0 descriptor.  A descriptor of minor 1 or newer must also
 * hold the fields list; one of minor 2 or newer, the outcome needs; one
 * of minor 3 or newer, the amounts and follow-ups.
 */
#define INTAKE_PLUGIN_MIN_SIZE                                                \
	(offsetof(struct intake_plugin, fini) + sizeof(void (*)(void)))
#define INTAKE_PLUGIN_MIN_SIZE_1_1                                            \
	(offsetof(struct intake_plugin, n_fields) + sizeof(size_t))
#define INTAKE_PLUGIN_MIN_SIZE_1_2                                            \
	(offsetof(struct intake_plugin, n_outcome_needs) + sizeof(size_t))
#define INTAKE_PLUGIN_MIN_SIZE_1_3                                            \
	(offsetof(struct intake_plugin, n_follow_ups) + sizeof(size_t))

/* The first four members of every descriptor. */
#define INTAKE_DESCRIPTOR_HEADER                                              \
	INTAKE_PLUGIN_MAGIC, INTAKE_ABI_MAJOR, INTAKE_ABI_MINOR,              \
		(uint32_t)sizeof(struct intake_plugin)

#define INTAKE_COUNT(array) (sizeof(array) / sizeof((array)[0]))

#ifdef __cplusplus
#define INTAKE_EXTERN_C extern "C"
#else
#define INTAKE_EXTERN_C
#endif

/* Export the descriptor: the plugin's one visible symbol. */
#define INTAKE_PLUGIN_EXPORT(descriptor)                                      \
	INTAKE_EXTERN_C __attribute__((visibility("default")))               \
	const struct intake_plugin *intake_plugin_descriptor(void);           \
	INTAKE_EXTERN_C __attribute__((visibility("default")))               \
	const struct intake_plugin *intake_plugin_descriptor(void)            \
	{                                                                     \
		return &(descriptor);                                         \
	}

#ifdef __cplusplus
}
#endif

#endif /* INTAKE_PLUGIN_H */
