# Munin: the two commands that matter are `make run` and `make test` (see README.md).
# Everything runs through the Maven Wrapper, so a machine with only a JDK is enough.

MVNW      := ./mvnw -B -q
APP_JAR   := target/munin.jar
DETECTOR  := detector/target/munin-detector.jar
# contract/: what the app and the detector share; installed into the local Maven repository for both.
CONTRACT  := contract/target/munin-contract-0.1.0-SNAPSHOT.jar
CON_SRC   := contract/pom.xml $(shell find contract/src/main -type f 2>/dev/null)
APP_SRC   := $(CON_SRC) pom.xml application.properties cloudformation/statemachine/pipeline.asl.json $(shell find src/main -type f 2>/dev/null)
DET_SRC   := $(CON_SRC) detector/pom.xml $(shell find detector/src/main -type f 2>/dev/null)

# make run INPUT=<folder|s3://...> OUTPUT=<folder|s3://...> [BUDGET_DKK=] [MAX_IMAGES=] [MODEL=] [TIME_ZONE=]
# make run MANIFEST=<input.json> [MODEL=]
BUDGET_DKK ?= 25
RUN_ARGS = $(if $(MANIFEST),--manifest "$(MANIFEST)") \
           $(if $(INPUT),--input "$(INPUT)") \
           $(if $(OUTPUT),--output "$(OUTPUT)") \
           $(if $(MANIFEST),,--budget-dkk "$(BUDGET_DKK)") \
           $(if $(MAX_IMAGES),--max-images "$(MAX_IMAGES)") \
           $(if $(TIME_ZONE),--time-zone "$(TIME_ZONE)") \
           $(if $(MODEL),--model "$(MODEL)")

.PHONY: run test asl-tools cfn-tools build bench bench-stage0 bench-detector camel-run build-docker clean

## run: the whole workflow on a laptop (embedded ASL runner, detector as a local process)
run: build
	./munin run $(RUN_ARGS)

## test: every test tier that can run here (contract, then detector: the app's end-to-end tests run its jar).
## Installs the npm tools the ASL cross-check needs, and ends with one line from the three projects'
## test reports: tests run, failed, skipped and why (tools/TestSummary.java). Fails when a test fails.
TEST_BUILDS := contract/target detector/target target
TEST_STEPS  := "-f contract/pom.xml install" "-f detector/pom.xml verify" "verify"
test: asl-tools cfn-tools
	@rm -rf $(foreach b,$(TEST_BUILDS),$(b)/surefire-reports $(b)/failsafe-reports)
	@status=0; \
	for step in $(TEST_STEPS); do \
	  echo "$(MVNW) $$step"; $(MVNW) $$step || { status=1; break; }; \
	done; \
	java tools/TestSummary.java $(TEST_BUILDS) || status=1; \
	exit $$status

## asl-tools: asl-validator and aws-local-stepfunctions in tools/asl (npm ci), when node_modules is
## missing or older than the lock file. Without npm the ASL cross-check tests skip and say why.
ASL_TOOLS := tools/asl
asl-tools: $(ASL_TOOLS)/node_modules/.package-lock.json

# npm ci writes node_modules/.package-lock.json last, so its age is the install's.
$(ASL_TOOLS)/node_modules/.package-lock.json: $(ASL_TOOLS)/package.json $(ASL_TOOLS)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  echo "npm ci in $(ASL_TOOLS)"; \
	  (cd $(ASL_TOOLS) && npm ci --no-audit --no-fund --loglevel=error) \
	    || echo "npm ci in $(ASL_TOOLS) failed: the ASL cross-check tests will be skipped"; \
	else \
	  echo "npm is not installed: the ASL cross-check tests will be skipped (they need Node.js 20 or newer and npm)"; \
	fi

## cfn-tools: the CloudFormation schema check in tools/cfn (@aws-cdk/aws-service-spec, yaml; npm ci), when
## node_modules is missing or older than the lock file. Without npm the template tests skip and say why.
CFN_TOOLS := tools/cfn
cfn-tools: $(CFN_TOOLS)/node_modules/.package-lock.json

$(CFN_TOOLS)/node_modules/.package-lock.json: $(CFN_TOOLS)/package.json $(CFN_TOOLS)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  echo "npm ci in $(CFN_TOOLS)"; \
	  (cd $(CFN_TOOLS) && npm ci --no-audit --no-fund --loglevel=error) \
	    || echo "npm ci in $(CFN_TOOLS) failed: the CloudFormation template checks will be skipped"; \
	else \
	  echo "npm is not installed: the CloudFormation template checks will be skipped (they need Node.js 20 or newer and npm)"; \
	fi

## build: the app jar (also the Lambda jar) and the detector jar
build: $(APP_JAR) $(DETECTOR)

$(CONTRACT): $(CON_SRC)
	$(MVNW) -f contract/pom.xml install -DskipTests

$(APP_JAR): $(APP_SRC) $(CONTRACT)
	$(MVNW) package -DskipTests

$(DETECTOR): $(DET_SRC) $(CONTRACT)
	$(MVNW) -f detector/pom.xml package -DskipTests

## bench: the speed benchmarks (speed targets are measured here, not by timed tests)
bench: bench-stage0 bench-detector

## bench-stage0: Stage-0 against `exiftool -json -r` on >= 2,000 photos, both as whole processes;
## prints photos/s of each and the ratio (bench/README.md). Installs exiftool when run as root.
bench-stage0: $(APP_JAR)
	bench/stage0.sh

clean:
	$(MVNW) -f contract/pom.xml clean
	$(MVNW) clean
	$(MVNW) -f detector/pom.xml clean

## camel-run: the same routes and application.properties under Camel JBang's `camel run`;
## each manifest dropped into manifests/ starts a run (make camel-run MODEL=path/to/model.onnx)
camel-run: $(CONTRACT)
	mkdir -p manifests
	$(MVNW) -Pcamel-jbang compile exec:java -Dexec.args="run application.properties --property=munin.trigger.enabled=true $(if $(MODEL),--property=munin.detect.model=$(MODEL))"

## build-docker: the detector's AWS Batch image (detector/Dockerfile); bakes a model in when
## DETECTOR_MODEL_URL and DETECTOR_MODEL_SHA256 are given, e.g. MegaDetector v5a from MegaDetectorLite
## (see docs/detector.md). Needs a Docker engine.
DETECTOR_IMAGE        ?= munin-detector:latest
DETECTOR_MODEL_URL    ?=
DETECTOR_MODEL_SHA256 ?=
build-docker:
	docker build -f detector/Dockerfile \
		--build-arg DETECTOR_MODEL_URL="$(DETECTOR_MODEL_URL)" \
		--build-arg DETECTOR_MODEL_SHA256="$(DETECTOR_MODEL_SHA256)" \
		-t $(DETECTOR_IMAGE) .

## bench-detector: photos/s and the per-photo time split of the detector with FastestDet on the
## shared photos, and reduced-scale decoding against plain ImageIO.read (skips without ../shared)
BENCH_IMAGES ?= ../shared/data/images
BENCH_MODEL  ?= ../shared/data/models/fastestdet/FastestDet.onnx
BENCH_ROUNDS ?= 5
# Runs against the shaded jar, as production does (plus the benchmark's own class from test-classes).
bench-detector: $(DETECTOR)
	$(MVNW) -f detector/pom.xml test-compile
	java -cp "detector/target/test-classes:$(DETECTOR)" \
		dk.munin.detector.bench.DetectorBenchmark "$(BENCH_IMAGES)" "$(BENCH_MODEL)" $(BENCH_ROUNDS)
