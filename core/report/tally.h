/* Monthly and fiscal-year tallies against targets. */
#ifndef INTAKE_TALLY_H
#define INTAKE_TALLY_H

/*
 * Achievement (目標達成状況): actual ÷ target in hundredths, rounded half
 * up and capped at 100 (1.00), computed in integers.  -1 when there is
 * no target to divide by (target <= 0).
 */
long long achievement_hundredths(long long actual, long long target);

#endif
