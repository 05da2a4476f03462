# intake: build, test and install the core, the plugins and the forms.

PREFIX ?= /usr/local
BUILD ?= build
CC ?= cc
CFLAGS ?= -O2 -g
PKG_CONFIG ?= pkg-config

BINDIR = $(PREFIX)/bin
PLUGINDIR = $(PREFIX)/lib/intake/plugins
FORMDIR = $(PREFIX)/share/intake/forms
INCLUDEDIR = $(PREFIX)/include
PCDIR = $(PREFIX)/lib/pkgconfig

DEB_PACKAGES = libsqlite3-dev libiniparser-dev libutf8proc-dev libsodium-dev \
	libcmocka-dev libedit-dev pkg-config sqlite3 python3 tmux \
	clang libclang-rt-14-dev

WARNINGS = -Wall -Wextra -Wpedantic -Werror -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wno-unused-parameter
BASE_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L \
	-fno-common $(WARNINGS) -Iinclude
LIB_CFLAGS = $(shell $(PKG_CONFIG) --cflags sqlite3 libutf8proc libedit libsodium 2>/dev/null) \
	-I/usr/include/iniparser
LIB_LIBS = $(shell $(PKG_CONFIG) --libs sqlite3 libutf8proc libedit libsodium 2>/dev/null) \
	-liniparser -ldl
CMOCKA_LIBS = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)
PLUGIN_CFLAGS = -std=c11 -fPIC -fvisibility=hidden $(WARNINGS) -Iinclude

CORE_SRCS = $(wildcard core/*.c)
CORE_OBJS = $(patsubst core/%.c,$(BUILD)/core/%.o,$(CORE_SRCS))
LIB_OBJS = $(filter-out $(BUILD)/core/main.o,$(CORE_OBJS))
PLUGIN_NAMES = $(filter-out template,$(notdir $(wildcard plugins/*)))
PLUGINS = $(patsubst %,$(BUILD)/plugins/%.so,$(PLUGIN_NAMES))
TEMPLATE = $(BUILD)/examples/template.so
UNIT_SRCS = $(wildcard tests/unit/test_*.c)
UNIT_TESTS = $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRCS))
TEST_PLUGINS = $(patsubst tests/plugins/%.c,$(BUILD)/tests/plugins/%.so,\
	$(wildcard tests/plugins/*.c))
E2E_TESTS = $(sort $(wildcard tests/e2e/t[0-9]*.sh))

.PHONY: all check check-once check-asan test-unit test-e2e deps install \
	clean demo bench

all: $(BUILD)/intake $(PLUGINS) $(TEMPLATE) $(BUILD)/forms

# The binary's built-in defaults look for forms beside it.
$(BUILD)/forms:
	@mkdir -p $(@D)
	ln -sfn $(CURDIR)/forms $@

$(BUILD)/core/%.o: core/%.c $(wildcard core/*.h core/*.def core/messages/*.def) \
		include/intake/plugin.h
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) $(LIB_CFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/intake: $(CORE_OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CORE_OBJS) $(LIB_LIBS)

# Every plugins/<id>/ folder becomes build/plugins/<id>.so.
.SECONDEXPANSION:
$(BUILD)/plugins/%.so: $$(wildcard plugins/%/*.c) include/intake/plugin.h
	@mkdir -p $(@D)
	$(CC) $(PLUGIN_CFLAGS) $(CFLAGS) $(LDFLAGS) -shared -o $@ \
		$(wildcard plugins/$*/*.c)

$(TEMPLATE): plugins/template/template.c include/intake/plugin.h
	@mkdir -p $(@D)
	$(CC) $(PLUGIN_CFLAGS) $(CFLAGS) $(LDFLAGS) -shared -o $@ $<

$(BUILD)/tests/plugins/%.so: tests/plugins/%.c include/intake/plugin.h
	@mkdir -p $(@D)
	$(CC) $(PLUGIN_CFLAGS) $(CFLAGS) $(LDFLAGS) -shared -o $@ $<

$(BUILD)/tests/test_%: tests/unit/test_%.c tests/unit/support.c \
		tests/unit/support.h $(LIB_OBJS)
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) $(LIB_CFLAGS) -Icore $(CFLAGS) $(LDFLAGS) -o $@ \
		$< tests/unit/support.c $(LIB_OBJS) $(LIB_LIBS) $(CMOCKA_LIBS)

test-unit: $(UNIT_TESTS) $(TEST_PLUGINS)
	@for t in $(UNIT_TESTS); do echo "== $$t"; \
		INTAKE_BUILD=$(abspath $(BUILD)) $$t || exit 1; done

test-e2e: all $(TEST_PLUGINS)
	@INTAKE_BUILD=$(abspath $(BUILD)) INTAKE_SOURCE=$(CURDIR) \
		sh tests/e2e/run.sh $(E2E_TESTS)

check-once: test-unit test-e2e

# Everything, then everything again under ASan + UBSan, then each fuzz
# target briefly.
check: check-once check-asan fuzz-check

check-asan:
	$(MAKE) BUILD=$(BUILD)/asan \
		CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
		LDFLAGS="-fsanitize=address,undefined" check-once

deps:
	@missing=; for p in $(DEB_PACKAGES); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

# Build, then open the counter on a demo database of the four programmes.
demo: all
	@test -f demo.db || ./$(BUILD)/intake -d demo.db init
	./$(BUILD)/intake -d demo.db new

bench: all
	sh bench/run.sh $(abspath $(BUILD))

# Written on every install: it records PREFIX.
$(BUILD)/intake-plugin.pc: FORCE
	@mkdir -p $(@D)
	printf 'prefix=%s\nincludedir=%s\nplugindir=%s\nformdir=%s\n\nName: intake-plugin\nDescription: programme plugin ABI of intake\nVersion: 1.3\nCflags: -I$${includedir} -fPIC -fvisibility=hidden\n' \
		'$(PREFIX)' '$(INCLUDEDIR)' '$(PLUGINDIR)' '$(FORMDIR)' > $@

install: all $(BUILD)/intake-plugin.pc
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(PLUGINDIR) \
		$(DESTDIR)$(FORMDIR) $(DESTDIR)$(INCLUDEDIR)/intake \
		$(DESTDIR)$(PCDIR)
	install -m 755 $(BUILD)/intake $(DESTDIR)$(BINDIR)/intake
	install -m 755 $(PLUGINS) $(DESTDIR)$(PLUGINDIR)/
	install -m 644 forms/*.ini $(DESTDIR)$(FORMDIR)/
	install -m 644 include/intake/plugin.h $(DESTDIR)$(INCLUDEDIR)/intake/
	install -m 644 $(BUILD)/intake-plugin.pc $(DESTDIR)$(PCDIR)/

# ---- Fuzzing: libFuzzer targets tests/fuzz/<target>.c, built with clang
# and ASan + UBSan, seeds and every input that once crashed in
# tests/fuzz/corpus/<target>/.  `make fuzz` runs each target FUZZ_SECONDS
# (new crashes are saved into its corpus); fuzz-check, part of check, runs
# each FUZZ_CHECK_SECONDS over its corpus.
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_CHECK_SECONDS ?= 3
FUZZ_DIR = $(BUILD)/fuzz
FUZZ_FLAGS = -O1 -g -fno-omit-frame-pointer \
	-fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_RUN_FLAGS = -timeout=10 -close_fd_mask=2 -print_final_stats=0
FUZZ_TARGETS = $(filter-out support,$(patsubst tests/fuzz/%.c,%,\
	$(wildcard tests/fuzz/*.c)))
FUZZ_BINS = $(patsubst %,$(FUZZ_DIR)/bin/%,$(FUZZ_TARGETS))
FUZZ_CORE_OBJS = $(patsubst core/%.c,$(FUZZ_DIR)/core/%.o,\
	$(filter-out core/main.c,$(CORE_SRCS)))

.PHONY: fuzz fuzz-check fuzz-build
.PRECIOUS: $(FUZZ_DIR)/core/%.o

$(FUZZ_DIR)/core/%.o: core/%.c $(wildcard core/*.h core/*.def \
		core/messages/*.def) include/intake/plugin.h
	@mkdir -p $(@D)
	$(FUZZ_CC) $(BASE_CFLAGS) -Wno-error $(LIB_CFLAGS) $(FUZZ_FLAGS) \
		-fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_DIR)/bin/%: tests/fuzz/%.c tests/fuzz/support.c \
		tests/fuzz/support.h $(FUZZ_CORE_OBJS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(BASE_CFLAGS) $(LIB_CFLAGS) -Icore $(FUZZ_FLAGS) \
		-fsanitize=fuzzer -o $@ $< tests/fuzz/support.c \
		$(FUZZ_CORE_OBJS) $(LIB_LIBS)

fuzz-build: $(FUZZ_BINS)

fuzz: fuzz-build
	@failed=; for t in $(FUZZ_TARGETS); do \
		echo "== fuzz $$t ($(FUZZ_SECONDS) s)"; \
		mkdir -p $(FUZZ_DIR)/corpus/$$t || exit 1; \
		$(FUZZ_DIR)/bin/$$t $(FUZZ_RUN_FLAGS) \
			-max_total_time=$(FUZZ_SECONDS) \
			-artifact_prefix=tests/fuzz/corpus/$$t/ \
			$(FUZZ_DIR)/corpus/$$t tests/fuzz/corpus/$$t || \
			failed="$$failed $$t"; \
	done; \
	if [ -n "$$failed" ]; then \
		echo "== fuzz failed:$$failed (inputs saved in tests/fuzz/corpus/)"; \
		exit 1; \
	fi

fuzz-check: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
		rm -rf $(FUZZ_DIR)/check/$$t; \
		mkdir -p $(FUZZ_DIR)/check/$$t $(FUZZ_DIR)/crash/$$t || exit 1; \
		if $(FUZZ_DIR)/bin/$$t $(FUZZ_RUN_FLAGS) \
			-max_total_time=$(FUZZ_CHECK_SECONDS) \
			-artifact_prefix=$(FUZZ_DIR)/crash/$$t/ \
			$(FUZZ_DIR)/check/$$t tests/fuzz/corpus/$$t \
			>$(FUZZ_DIR)/check/$$t.log 2>&1; then \
			echo "== fuzz-check $$t: $$(grep -o 'Done [0-9]* runs' \
				$(FUZZ_DIR)/check/$$t.log)"; \
		else \
			cat $(FUZZ_DIR)/check/$$t.log; \
			echo "== fuzz-check $$t FAILED: input in $(FUZZ_DIR)/crash/$$t/"; \
			exit 1; \
		fi; \
	done

clean:
	rm -rf $(BUILD)

FORCE:
