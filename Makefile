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

# make run INPUT=<folder|s3://...> OUTPUT=<folder|s3://...> [BUDGET_DKK=] [MAX_IMAGES=] [MODE=] [MAX_RUNTIME_MIN=] [MODEL=] [TIME_ZONE=]
# make run MANIFEST=<input.json> [MODEL=]
BUDGET_DKK ?= 25
RUN_ARGS = $(if $(MANIFEST),--manifest "$(MANIFEST)") \
           $(if $(INPUT),--input "$(INPUT)") \
           $(if $(OUTPUT),--output "$(OUTPUT)") \
           $(if $(MANIFEST),,--budget-dkk "$(BUDGET_DKK)") \
           $(if $(MAX_IMAGES),--max-images "$(MAX_IMAGES)") \
           $(if $(MODE),--mode "$(MODE)") \
           $(if $(MAX_RUNTIME_MIN),--max-runtime-min "$(MAX_RUNTIME_MIN)") \
           $(if $(TIME_ZONE),--time-zone "$(TIME_ZONE)") \
           $(if $(MODEL),--model "$(MODEL)")

.PHONY: run test asl-tools cfn-tools build bench bench-stage0 bench-stage2 bench-detector bench-calibrate bench-cost bench-badinput bench-load bench-scale camel-run build-docker clean \
        deploy-aws run-aws status-aws up-localstack down-localstack deploy-local run-local logs-local status-local

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

## bench: the speed benchmarks (speed targets are measured here, not by timed tests); not bench-load, which
## takes about half an hour on 2 CPUs: run it on its own
bench: bench-stage0 bench-stage2 bench-detector bench-calibrate bench-cost bench-badinput

## bench-stage0: Stage-0 against `exiftool -json -r` on >= 2,000 photos, both as whole processes;
## prints photos/s of each and the ratio (bench/README.md). Installs exiftool when run as root.
bench-stage0: $(APP_JAR)
	bench/stage0.sh

## bench-stage2: Stage2Post on a made-up survey of BENCH_DETECTIONS boxes under a heap of BENCH_STAGE2_HEAP
## (the bounded-memory claim: the run must succeed within it); prints wall time, detections/s, peak heap and
## GC, and fails when Stage2Post throws or its outputs miss a box (bench/README.md).
BENCH_DETECTIONS  ?= 1000000
BENCH_STAGE2_HEAP ?= 1g
# Where surveys are kept by their parameters and reused (about 330 MB a million detections); empty: /tmp/munin-bench-stage2.
BENCH_STAGE2_DIR  ?=
# More JVM options, e.g. -XX:+HeapDumpOnOutOfMemoryError or another collector.
BENCH_STAGE2_OPTS ?=
# The test classpath (the harness is test code; DuckDB checks detections.parquet), from the Maven Wrapper.
bench-stage2: $(CONTRACT)
	$(MVNW) test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt
	java -Xmx$(BENCH_STAGE2_HEAP) $(BENCH_STAGE2_OPTS) -Dlogback.configurationFile=src/main/resources/logback.xml \
		-cp "target/test-classes:target/classes:$$(cat target/test-classpath.txt)" \
		dk.munin.bench.Stage2Benchmark $(BENCH_DETECTIONS) $(BENCH_STAGE2_DIR)

## bench-badinput: BENCH_BADINPUT_PHOTOS damaged copies of the shared photos (bit flips, truncations, segments deleted or
## duplicated, segment lengths corrupted, random bytes inserted; from BENCH_BADINPUT_SEED, in a temporary folder) through
## Stage-0 (in a JVM of BENCH_BADINPUT_STAGE0_HEAP) and the detector jar with BENCH_MODEL (-Xmx BENCH_BADINPUT_DETECTOR_HEAP);
## prints per stage the photos read, failed by reason and unhandled, the time and the peak heap, and fails when anything
## is unhandled (bench/README.md; skips without ../shared)
BENCH_BADINPUT_PHOTOS        ?= 10000
BENCH_BADINPUT_SEED          ?= 20261203
BENCH_BADINPUT_STAGE0_HEAP   ?= 256m
BENCH_BADINPUT_DETECTOR_HEAP ?= 512m
bench-badinput: $(CONTRACT) $(DETECTOR)
	$(MVNW) test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt
	java -Xmx$(BENCH_BADINPUT_STAGE0_HEAP) -Dlogback.configurationFile=src/main/resources/logback.xml \
		-cp "target/test-classes:target/classes:$$(cat target/test-classpath.txt)" \
		dk.munin.bench.BadInputBenchmark "$(BENCH_IMAGES)" "$(BENCH_MODEL)" $(DETECTOR) $(BENCH_BADINPUT_PHOTOS) \
		$(BENCH_BADINPUT_SEED) $(BENCH_BADINPUT_DETECTOR_HEAP)

## bench-cost: the whole pipeline (./munin run) on the shared photos with FastestDet, BENCH_COST_RUNS times; prints
## each cost component estimated against actual (measured durations and counts x the same price table) and fails
## when the total's estimate is outside +-25 % of the actual (bench/README.md; skips without ../shared)
BENCH_COST_RUNS ?= 3
BENCH_COST_DIR  ?= /tmp/munin-bench-cost
bench-cost: build
	$(MVNW) test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt
	java -cp "target/test-classes:target/classes:$$(cat target/test-classpath.txt)" \
		dk.munin.bench.CostBenchmark ./munin "$(BENCH_IMAGES)" "$(BENCH_MODEL)" $(BENCH_COST_RUNS) $(BENCH_COST_DIR)

## bench-load: a whole local run (./munin run, LOCAL mode: 0 DKK) over PHOTOS generated photos (default 100,000) at
## BENCH_LOAD_STATIONS stations (views of BENCH_IMAGES) with BENCH_MODEL, the app's JVM at -Xmx$(BENCH_LOAD_APP_HEAP) and
## the detector's at -Xmx$(BENCH_LOAD_DETECTOR_HEAP); prints each state's wall time and photos/s, each JVM's peak and live
## heap (from its GC log), open files and threads (sampled from /proc), and fails when the run fails, loses a photo,
## leaks or nears its heap limit (bench/README.md). 15 to 30 minutes on 2 CPUs, so not part of `make bench`;
## PHOTOS=10000 for a quick check (3 minutes).
PHOTOS                   ?= 100000
BENCH_LOAD_STATIONS      ?= 50
BENCH_LOAD_APP_HEAP      ?= 512m
BENCH_LOAD_DETECTOR_HEAP ?= 512m
# Photos are kept here by their parameters and reused (about 14 KB a photo: 1.3 GB for 100,000); the last run's
# outputs, its log and the JVMs' GC logs too.
BENCH_LOAD_DIR           ?= /tmp/munin-bench-load
bench-load: build
	$(MVNW) test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt
	java -Dlogback.configurationFile=src/main/resources/logback.xml \
		-cp "target/test-classes:target/classes:$$(cat target/test-classpath.txt)" \
		dk.munin.bench.LoadBenchmark ./munin $(PHOTOS) $(BENCH_LOAD_STATIONS) "$(BENCH_IMAGES)" "$(BENCH_MODEL)" $(BENCH_LOAD_DIR) \
		$(BENCH_LOAD_APP_HEAP) $(BENCH_LOAD_DETECTOR_HEAP)

## bench-scale (issue 13), three parts, about an hour at the defaults on 2 CPUs:
## 1. Stage-0 where S3's latency dominates: BENCH_SCALE_PHOTOS generated photo objects in the embedded S3 server
##    behind a proxy holding every answer back BENCH_SCALE_LATENCY_MS (S3 from Lambda), read at each head-read
##    concurrency and each number of photos per invocation; prints photos/s;
## 2. the survey: BENCH_SCALE_SURVEY_PHOTOS generated photos (bench-load's, held by the S3 server in an 8 GB heap)
##    run twice through the real ASL embedded,
##    read by one Stage0Exif invocation and by the Distributed Map; prints each state's time, the heap, and whether
##    every output is equal (it fails when not);
## 3. the model of a run on AWS at 1,000, 100,000 and 1,000,000 photos from those figures (docs/scale.md).
BENCH_SCALE_PHOTOS        ?= 100000
BENCH_SCALE_LATENCY_MS    ?= 20
BENCH_SCALE_CONCURRENCY   ?= 1,8,32,64
BENCH_SCALE_BATCHES       ?= 100,1000,10000
BENCH_SCALE_SURVEY_PHOTOS ?= 100000
BENCH_SCALE_DIR           ?= target/bench-scale
BENCH_SCALE_JAVA = java -Dlogback.configurationFile=src/main/resources/logback.xml \
	-cp "target/test-classes:target/classes:$$(cat target/test-classpath.txt)"
bench-scale: build
	$(MVNW) test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt
	$(BENCH_SCALE_JAVA) -Xmx2g dk.munin.bench.Stage0LatencyBenchmark $(BENCH_SCALE_PHOTOS) $(BENCH_SCALE_LATENCY_MS) \
		$(BENCH_SCALE_CONCURRENCY) $(BENCH_SCALE_BATCHES) $(BENCH_SCALE_DIR)/stage0.json
	$(BENCH_SCALE_JAVA) -Xmx8g dk.munin.bench.DistributedSurveyBenchmark $(BENCH_SCALE_SURVEY_PHOTOS) $(BENCH_LOAD_STATIONS) \
		"$(BENCH_IMAGES)" $(BENCH_LOAD_DIR)/photos "$(BENCH_MODEL)" 1000 8 $(BENCH_SCALE_DIR)/survey.json
	$(BENCH_SCALE_JAVA) dk.munin.bench.ScaleModel $(BENCH_SCALE_DIR)/stage0.json $(BENCH_SCALE_DIR)/survey.json

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
	$(need-docker)
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

## bench-calibrate: the detector's ms per frame and start-up, run as the app runs it (java <munin.detect.jvm-options>
## -jar, default threads) CALIBRATE_RUNS times over every photo under BENCH_IMAGES (CALIBRATE_PASSES times each)
## with BENCH_MODEL; writes the medians into this host's row of src/main/resources/dk/munin/budget/detector-speed.csv,
## the table cost estimates read (bench/README.md; skips without ../shared). CALIBRATE_HOST=c5.xlarge on an
## instance of that type.
CALIBRATE_RUNS   ?= 3
# Each run's photo list names every photo this many times: 83 photos once are over before the JIT is warm.
CALIBRATE_PASSES ?= 10
CALIBRATE_HOST   ?=
# The harness is app test code: it reads application.properties and writes the app's table (DetectorCalibration).
bench-calibrate: $(DETECTOR) $(CONTRACT)
	$(MVNW) test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt
	java -Dlogback.configurationFile=src/main/resources/logback.xml \
		-cp "target/test-classes:target/classes:$$(cat target/test-classpath.txt)" \
		dk.munin.bench.DetectorCalibration "$(BENCH_IMAGES)" "$(BENCH_MODEL)" "$(CALIBRATE_RUNS)" "$(CALIBRATE_PASSES)" "$(CALIBRATE_HOST)"

# --- AWS: deploy-aws, run-aws, status-aws (README.md, "On AWS"; docs/aws.md) ------------------------
# make deploy-aws [AWS_REGION=eu-north-1] [STACK_NAME=munin] [STACK_PARAMETERS="NetworkMode=nat AlertEmail=me@uni.dk"]
# make run-aws MANIFEST=my-run.json
AWS              ?= aws
AWS_REGION       ?= eu-north-1
STACK_NAME       ?= munin
FUNCTION_PREFIX  ?= munin-
# Where the Lambda artefact, the workflow definition and the template are uploaded for CloudFormation;
# empty: munin-artefacts-<account>-<region>, created when missing.
ARTEFACT_BUCKET  ?=
DETECTOR_REPOSITORY ?= munin-detector
# More parameters of cloudformation/pipeline.yaml, as Key=Value pairs (docs/aws.md lists them).
STACK_PARAMETERS ?=
# Empty for AWS; LocalStack's gateway for the *-local targets.
AWS_ENDPOINT     ?=
LAMBDA_ARTEFACT  := target/munin-lambda.jar
TEMPLATE         := cloudformation/pipeline.yaml
DEFINITION       := cloudformation/statemachine/pipeline.asl.json
AWS_CLI           = $(AWS) --region $(AWS_REGION) $(if $(AWS_ENDPOINT),--endpoint-url $(AWS_ENDPOINT))
STACK_OUTPUT      = $(AWS_CLI) cloudformation describe-stacks --stack-name $(STACK_NAME) --output text --query
# The stack's Java settings for `munin follow` on this machine: region and, for LocalStack, the endpoint.
FOLLOW_OPTIONS    = -Dcamel.component.aws2-step-functions.region=$(AWS_REGION) -Dcamel.component.aws2-s3.region=$(AWS_REGION) \
                    $(if $(AWS_ENDPOINT),-Dcamel.component.aws2-step-functions.override-endpoint=true \
                      -Dcamel.component.aws2-step-functions.uri-endpoint-override=$(AWS_ENDPOINT) \
                      -Dcamel.component.aws2-s3.override-endpoint=true -Dcamel.component.aws2-s3.uri-endpoint-override=$(AWS_ENDPOINT) \
                      -Dcamel.component.aws2-s3.force-path-style=true)

# Each tool check stops with what is missing and how to get it, before anything is uploaded.
define need-aws-command
	@command -v $(AWS) >/dev/null 2>&1 || { echo "$@ needs the AWS CLI v2 ('$(AWS)' is not on PATH): https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html, or apt-get install awscli" >&2; exit 2; }
endef
define need-aws-cli
	$(need-aws-command)
	@$(AWS_CLI) sts get-caller-identity >/dev/null 2>&1 || { echo "$@: no AWS credentials for $(if $(AWS_ENDPOINT),$(AWS_ENDPOINT),AWS) (aws configure, aws sso login, or AWS_PROFILE / AWS_ACCESS_KEY_ID)" >&2; exit 2; }
endef
define need-docker
	@docker info >/dev/null 2>&1 || { echo "$@ needs a running Docker engine (docker info fails): https://docs.docker.com/engine/install/" >&2; exit 2; }
endef

## deploy-aws: builds the jars and the detector image, pushes the image to ECR, uploads the Lambda
## artefact and the workflow definition to S3, deploys cloudformation/pipeline.yaml, prints its outputs
deploy-aws:
	$(need-aws-cli)
	$(need-docker)
	$(MAKE) build build-docker
	account=$$($(AWS_CLI) sts get-caller-identity --query Account --output text) && \
	bucket=$${ARTEFACT_BUCKET:-munin-artefacts-$$account-$(AWS_REGION)} && \
	artefact=munin/munin-lambda-$$(sha256sum $(LAMBDA_ARTEFACT) | cut -c1-16).jar && \
	definition=munin/pipeline-$$(sha256sum $(DEFINITION) | cut -c1-16).asl.json && \
	{ $(AWS_CLI) s3api head-bucket --bucket $$bucket 2>/dev/null || $(AWS_CLI) s3 mb s3://$$bucket; } && \
	{ $(AWS_CLI) ecr describe-repositories --repository-names $(DETECTOR_REPOSITORY) >/dev/null 2>&1 || \
	  $(AWS_CLI) ecr create-repository --repository-name $(DETECTOR_REPOSITORY) --image-scanning-configuration scanOnPush=true >/dev/null; } && \
	repository=$$($(AWS_CLI) ecr describe-repositories --repository-names $(DETECTOR_REPOSITORY) --query "repositories[0].repositoryUri" --output text) && \
	image=$$repository:$$(git rev-parse --short=12 HEAD) && \
	$(AWS_CLI) ecr get-login-password | docker login --username AWS --password-stdin $${repository%%/*} && \
	docker tag $(DETECTOR_IMAGE) $$image && docker push $$image && \
	$(AWS_CLI) s3 cp $(LAMBDA_ARTEFACT) s3://$$bucket/$$artefact && \
	$(AWS_CLI) s3 cp $(DEFINITION) s3://$$bucket/$$definition && \
	$(AWS_CLI) cloudformation deploy --stack-name $(STACK_NAME) --template-file $(TEMPLATE) \
	  --s3-bucket $$bucket --s3-prefix munin/templates --capabilities CAPABILITY_NAMED_IAM --no-fail-on-empty-changeset \
	  --parameter-overrides ArtefactBucket=$$bucket ArtefactKey=$$artefact DefinitionKey=$$definition \
	    DetectorImageUri=$$image FunctionPrefix=$(FUNCTION_PREFIX) TemplateDigest=$$(sha256sum $(TEMPLATE) | cut -c1-16) $(STACK_PARAMETERS) && \
	$(AWS_CLI) cloudformation describe-stacks --stack-name $(STACK_NAME) --query "Stacks[0].Outputs" --output table

## run-aws: uploads MANIFEST under the stack's manifests/ prefix (the trigger starts the run), follows
## the execution to its end, prints the outputs and the cost (make run-aws MANIFEST=my-run.json)
run-aws:
	@test -n "$(MANIFEST)" || { echo "usage: make $@ MANIFEST=my-run.json (docs/manifest.md; photos under the stack's frames/ prefix)" >&2; exit 2; }
	$(need-aws-cli)
	$(MAKE) $(APP_JAR)
	bucket=$$($(STACK_OUTPUT) "Stacks[0].Outputs[?OutputKey=='DataBucketName'].OutputValue") && \
	machine=$$($(STACK_OUTPUT) "Stacks[0].Outputs[?OutputKey=='StateMachineArn'].OutputValue") && \
	key=manifests/$$(basename "$(MANIFEST)") && \
	$(AWS_CLI) s3 cp "$(MANIFEST)" s3://$$bucket/$$key && \
	MUNIN_JAVA_OPTS="$(FOLLOW_OPTIONS)" ./munin follow --state-machine $$machine --manifest "$(MANIFEST)" \
	  --manifest-uri s3://$$bucket/$$key

## status-aws: the stack's state and the state machine's latest executions
status-aws:
	$(need-aws-cli)
	$(AWS_CLI) cloudformation describe-stacks --stack-name $(STACK_NAME) --query "Stacks[0].[StackName,StackStatus,LastUpdatedTime]" --output table
	$(AWS_CLI) stepfunctions list-executions --max-items 10 --output table --query "executions[].[name,status,startDate,stopDate]" \
	  --state-machine-arn $$($(STACK_OUTPUT) "Stacks[0].Outputs[?OutputKey=='StateMachineArn'].OutputValue")

# --- LocalStack: up-localstack, deploy-local, run-local, logs-local, status-local ----------------------
# The same stack, template and commands as on AWS, against LocalStack's gateway (localstack/compose.yaml).
LOCALSTACK_URL ?= http://localhost:4566
LOCAL_AWS       = AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_ENDPOINT=$(LOCALSTACK_URL)
LOCAL_STACK     = STACK_NAME=munin-local AWS_REGION=$(AWS_REGION)
LOCAL_LOG_GROUPS = $(foreach stage,guard-budget stage0-exif cost-estimation merge-detections stage2-post weather-enrichment write-parquet start-execution,/aws/lambda/$(FUNCTION_PREFIX)$(stage)) \
                   /aws/vendedlogs/states/$(FUNCTION_PREFIX)pipeline /aws/batch/$(FUNCTION_PREFIX)detector

define need-localstack
	@curl -fsS $(LOCALSTACK_URL)/_localstack/health >/dev/null 2>&1 || { echo "$@: LocalStack does not answer at $(LOCALSTACK_URL): make up-localstack first" >&2; exit 2; }
endef

## up-localstack: starts LocalStack (S3, Lambda, Step Functions, Batch, ECR, IAM, CloudWatch, EventBridge)
## and waits until it is healthy; Batch and ECR need LOCALSTACK_AUTH_TOKEN (LocalStack Pro)
up-localstack:
	$(need-docker)
	docker compose -f localstack/compose.yaml up --detach --wait
	curl -fsS $(LOCALSTACK_URL)/_localstack/health

down-localstack:
	docker compose -f localstack/compose.yaml down

## deploy-local: deploy-aws against LocalStack (stack munin-local, NAT networking: LocalStack has no
## interface endpoints to speak of)
deploy-local:
	$(need-localstack)
	@curl -fsS $(LOCALSTACK_URL)/_localstack/health | grep -Eq '"batch": "(available|running)"' || { echo "$@: this LocalStack has no AWS Batch, a LocalStack Pro service: set LOCALSTACK_AUTH_TOKEN and make up-localstack again" >&2; exit 2; }
	$(LOCAL_AWS) $(MAKE) deploy-aws $(LOCAL_STACK) STACK_PARAMETERS="NetworkMode=nat EnableCloudTrail=false $(STACK_PARAMETERS)"

## run-local: run-aws against LocalStack (make run-local MANIFEST=my-run.json)
run-local:
	$(need-localstack)
	$(LOCAL_AWS) $(MAKE) run-aws $(LOCAL_STACK) MANIFEST="$(MANIFEST)"

## logs-local: the last hour of the functions' and the state machine's logs in LocalStack
logs-local:
	$(need-localstack)
	$(need-aws-command)
	for group in $(LOCAL_LOG_GROUPS); do \
	  echo "== $$group"; $(LOCAL_AWS) $(AWS) --region $(AWS_REGION) --endpoint-url $(LOCALSTACK_URL) logs tail $$group --since 1h || true; \
	done

## status-local: LocalStack's services, the local stack and its latest executions
status-local:
	$(need-localstack)
	curl -fsS $(LOCALSTACK_URL)/_localstack/health
	$(LOCAL_AWS) $(MAKE) status-aws $(LOCAL_STACK)
