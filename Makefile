# The two set-up commands (see README.md):
#   make demo   install missing Debian packages, build, run the nightly job on the bundled example → site/
#   make test   install what the tests need, build, run every test
SWIFT ?= swift

.PHONY: demo test build deps test-deps site-example clean

deps:
	@scripts/install-deps.sh

test-deps:
	@scripts/install-deps.sh test

build: deps
	$(SWIFT) build -c release --product scout-report

demo: build
	.build/release/scout-report run --config examples/scout-report.yml
	@echo "Open site/index.html (and site/README.md) to browse the report."

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Regenerates the committed example site with the clock pinned (the end-to-end test compares with it).
site-example: build
	rm -f .build/site-example.sqlite
	sed -e 's#^store: .*#store: ../.build/site-example.sqlite#' -e 's#^site: .*#site: ../site-example#' \
		examples/scout-report.yml > examples/.site-example.yml
	.build/release/scout-report run --config examples/.site-example.yml --now 2026-01-01T00:00:00Z --quiet
	rm -f examples/.site-example.yml

clean:
	rm -rf .build site scout-report.sqlite*
