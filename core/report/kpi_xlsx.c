/* The fiscal-year report as an Excel workbook (libxlsxwriter). */
#include "kpi.h"

#include <xlsxwriter.h>

#include "util.h"

int kpi_write_xlsx(const struct kpi_report *report, const char *path)
{
	lxw_workbook *workbook = workbook_new(path);

	(void)report;
	if (!workbook)
		return error("cannot write '%s'", path);
	return workbook_close(workbook) == LXW_NO_ERROR ? 0 : -1;
}
