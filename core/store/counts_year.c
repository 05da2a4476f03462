/* What one case's outcomes of a code give outcome_counts in a year. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "counts_year.h"
#include "store_backend.h"

int counts_fiscal_year(const char *date, int *index)
{
	long month = store_month_from_text(date);
	int m;

	if (!month)
		return -1;
	m = (int)(month % 100);
	*index = (m + 8) % 12;
	return (int)(month / 100) - (m < 4);
}

void counts_month_text(int fy, int index, char month[COUNTS_MONTH_SIZE])
{
	snprintf(month, COUNTS_MONTH_SIZE, "%04d-%02d", fy + (index >= 9),
		 (index + 3) % 12 + 1);
}

void counts_year_add(struct counts_year *year, int index, int has_amount,
		     long long amount)
{
	year->count[index]++;
	if (has_amount) {
		year->amount[index] += amount;
		year->amounts[index]++;
	}
}

/* The place of the first month with an outcome; 12 when none. */
static int first_month(const struct counts_year *year)
{
	int i = 0;

	while (i < 12 && !year->count[i])
		i++;
	return i;
}

int counts_delta(const struct counts_year *before,
		 const struct counts_year *after, int index,
		 long long delta[5])
{
	int i, any = 0;

	delta[0] = after->count[index] - before->count[index];
	delta[1] = (after->count[index] > 0) - (before->count[index] > 0);
	delta[2] = (first_month(after) == index) -
		   (first_month(before) == index);
	delta[3] = after->amount[index] - before->amount[index];
	delta[4] = after->amounts[index] - before->amounts[index];
	for (i = 0; i < 5; i++)
		any |= delta[i] != 0;
	return any;
}

void counts_touch_release(struct counts_touch *touch)
{
	free(touch->programme);
	free(touch->code);
	memset(touch, 0, sizeof(*touch));
}
