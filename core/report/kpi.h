/* The fiscal-year report (施策・指標・目標値・実績値・達成状況): its figures. */
#ifndef INTAKE_KPI_H
#define INTAKE_KPI_H

#include <stddef.h>
#include <stdio.h>

#include "messages.h"

struct config;
struct intake_outcome;
struct programme;
struct registry;
struct store;

/* What `intake report` was asked for. */
struct kpi_request {
	int fiscal_year;         /* 年度: April of it to March after */
	long month;              /* yyyymm: the year to the end of it; 0 */
	const char *programme;   /* a programme id; NULL: every one */
	const char *by;          /* a choice field for a breakdown; NULL */
	const char *office;      /* only that office's cases; NULL: all */
	long today;              /* yyyymmdd: decides 集計中 or 確定 */
	const char *generated_by; /* who asked (staff or account) */
};

/* Twelve months of a fiscal year, April (0) to March (11). */
#define KPI_MONTHS 12

/* One outcome of a programme: a row of 実績 and a block of 月別. */
struct kpi_indicator {
	const struct intake_outcome *outcome;
	int distinct;          /* a once outcome: counted 実, else 延べ */
	long long actual;      /* 実績値: events in the period */
	long long people;      /* 実: distinct applications in the period */
	long long previous;    /* 前年度, the same months a year before */
	int has_target;        /* a target is set for the fiscal year */
	long long target;      /* 目標値 */
	long long achievement; /* hundredths, half up, capped at 100; -1 */
	long long ratio;       /* hundredths, half up, uncapped; -1 */
	int has_amount;        /* the outcome carries an amount (支給額) */
	long long amount, previous_amount; /* yen */
	long long monthly[KPI_MONTHS]; /* events per month (0 after the
					* period: months counts those in it) */
};

/* One programme: its 受付件数 and an indicator per outcome. */
struct kpi_programme {
	const struct programme *programme;
	long long received, previous_received;
	long long monthly_received[KPI_MONTHS];
	struct kpi_indicator *indicators; /* one per outcome, in order */
	size_t n_indicators;
};

/* One row of a breakdown: a group (an office, or a code of the field). */
struct kpi_group {
	char *code;  /* NULL: no office (or an empty one) / not answered */
	char *label; /* the choice label (Japanese), the code of a removed
		      * choice, or the office; 事務所なし, 未回答 for NULL;
		      * never NULL */
	long long received;
	long long *events; /* per indicator of the programme */
};

/* A breakdown of one programme: 事務所別, or by a field's codes (every
 * code, zero rows too, then unanswered and removed codes, so that the
 * groups add up to the programme's figures). */
struct kpi_breakdown {
	const struct kpi_programme *of;
	char *title; /* the sheet's name: 事務所別, or the field's label */
	struct kpi_group *groups; /* offices by name, then no office;
				   * codes in form order, then removed
				   * codes as found, then unanswered */
	size_t n_groups;
};

struct kpi_report {
	int fiscal_year;
	long from_month, to_month; /* yyyymm: the period covered */
	int months;                /* months in the period (1–12) */
	int provisional;           /* 集計中: request->today is on or
				    * before the period's last day */
	struct kpi_programme *programmes;
	size_t n_programmes;
	struct kpi_breakdown *by_office; /* one per programme */
	struct kpi_breakdown *by_field;  /* one per programme with the
					  * field; n_by_field of them */
	size_t n_by_field;
	char generated_at[32]; /* local time, "YYYY-MM-DD HH:MM" */
	char *generated_by;    /* never NULL ("" when not given) */
	char audit_head[65];   /* hex hash of the audit chain's last row
				* (store_audit_head), "" when none */
};

/*
 * The uncapped ratio actual ÷ target in hundredths, rounded half up in
 * integers (5 against 3 is 167), beside achievement_hundredths (tally.h),
 * which caps it at 100.  -1 when target <= 0.
 */
long long ratio_hundredths(long long actual, long long target);

/*
 * Read the report's figures from store for the programmes of registry
 * (request->programme: that id only) against the targets of config:
 * the period is April of request->fiscal_year to the end of
 * request->month (a month of that year) or to March.  Reads the store
 * with a fixed number of grouped tallies (no walk per application).
 * 0, or -1 after error(): a month outside the year, a store failure
 * (the store's status says which); nothing to release then.
 */
int kpi_report_build(struct kpi_report *report, struct store *store,
		     const struct registry *registry,
		     const struct config *config,
		     const struct kpi_request *request);
void kpi_report_release(struct kpi_report *report);

/* An indicator's 指標: the outcome's label (its code when it has none)
 * and （実） for a once outcome, else （延べ）, in language (malloced). */
char *kpi_indicator_label(const struct kpi_indicator *indicator,
			  enum language language);

/* The period and its state, in Japanese (malloced): "2026年度 確定"
 * for a whole year, "2026年度（4月〜8月）集計中" to a month. */
char *kpi_period_text(const struct kpi_report *report);

/* The workbook (kpi_xlsx.c), in Japanese, written at path as it is
 * (the caller makes it atomic: `intake report` writes a temporary file
 * and renames it): 0, or -1 with the error said. */
int kpi_write_xlsx(const struct kpi_report *report, const char *path);

/*
 * The same report as HTML (kpi_html.c), tables and inline SVG charts.
 * kpi_html_body appends a fragment that uses classes only (no inline
 * style or script: the server's Content-Security-Policy holds) for the
 * server's manager page; kpi_html_css is its stylesheet (A4 print
 * included); kpi_write_html writes a whole document with both and no
 * external resource: 0, or -1 when writing failed.
 */
struct strbuf;
void kpi_html_body(const struct kpi_report *report, struct strbuf *out);
extern const char kpi_html_css[];
int kpi_write_html(const struct kpi_report *report, FILE *out);

#endif
