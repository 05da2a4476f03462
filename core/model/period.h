/* Fiscal years and months as staff write them: 2026年度, 令和8, R8.8. */
#ifndef INTAKE_PERIOD_H
#define INTAKE_PERIOD_H

/* The years the parsers take. */
#define PERIOD_YEAR_FIRST      1873 /* Japan's first Gregorian year */
#define PERIOD_FY_LAST         9998 /* its March is the last month a date has */
#define PERIOD_MONTH_LAST_YEAR 9999

/*
 * What the parsers found wrong.  Both take the text as typed: it is
 * NFKC-normalised first (full-width digits, ㋿ and ㍻ are read as
 * written), spaces between its parts are ignored.
 */
enum period_status {
	PERIOD_OK = 0,
	PERIOD_UNREADABLE,   /* not written as the parser expects */
	PERIOD_NO_ERA_YEAR,  /* year 0 of an era, or past its end: 平成32 */
	PERIOD_NO_MONTH,     /* a month other than 1 to 12 */
	PERIOD_OUT_OF_RANGE, /* a year outside the range of the parser */
};

/* Era years: Meiji 1868, Taisho 1912, Showa 1926, Heisei 1989, Reiwa
 * 2019.  Year N of an era is its first year + N - 1 (元 is 1); an era
 * ends in the year the next begins (平成31 is 2019, 平成32 is no year).
 * Eras are checked by year only: 平成31年5月 is taken as 2019-05. */

/*
 * A fiscal year (April to March) into *fiscal_year: "2026", "2026年度",
 * "FY2026", "令和8", "令和8年度", "令和元年度", "R8", "r8年度", "H31"
 * (2019); the western year has four digits; from PERIOD_YEAR_FIRST
 * to PERIOD_FY_LAST.
 * "2026年" (a calendar year) is unreadable.  *fiscal_year is set only
 * on PERIOD_OK.
 */
enum period_status period_parse_fiscal_year(const char *text,
					    int *fiscal_year);

/*
 * A month into *yyyymm (202608): a year as above without 年度 (four
 * digits, or an era and its year) and a month of one or two digits,
 * joined by '-', '/' or '.', or written with 年 and 月: "2026-08",
 * "2026-8", "2026/8", "2026.8", "2026年8月", "令和8年8月", "R8.8",
 * "R8-08".  Years from PERIOD_YEAR_FIRST to PERIOD_MONTH_LAST_YEAR.
 * *yyyymm is set only on PERIOD_OK.
 */
enum period_status period_parse_month(const char *text, long *yyyymm);

#endif
