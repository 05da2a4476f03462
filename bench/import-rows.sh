#!/bin/sh
# The CSV bench/import.sh and bench/import-floor.sh import: N rows of
# the test programme every_callback, on standard output.
# Usage: sh bench/import-rows.sh N
set -eu
n=$1
# N valid rows: persons, one in ten a company with its number, one in
# five asking about housing with a postal code.
awk -v n="$n" 'BEGIN {
	print "source_id,name,birth_date,kind,corporate_number,amount," \
		"topics,consent,postal,received_on"
	for (i = 1; i <= n; i++) {
		company = i % 10 == 0
		housing = i % 5 == 0
		printf "OLD-%07d,\"申請者 %d, テスト\",19%02d-%02d-%02d,%s,%s,%d," \
			"%s,%s,%s,2025-%02d-%02d\n", i, i, 40 + i % 60,
			i % 12 + 1, i % 28 + 1, company ? "company" : "person",
			company ? "7000012050002" : "", (i * 7919) % 1000000,
			housing ? "\"work,housing\"" : "work",
			i % 2 ? "yes" : "no", housing ? "030-0801" : "",
			i % 12 + 1, i % 28 + 1
	}
}'
