package dk.munin.cli;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Turns a function error into an exception. camel-aws2-lambda's invokeFunction (4.17) puts only
 * the payload in the message body and drops Invoke's FunctionError (the X-Amz-Function-Error
 * header), so a stage that threw would look like one that answered with an error object.
 * Checked after the whole call, outside the SDK's retries, so a function error is never retried.
 */
final class FunctionErrors implements ExecutionInterceptor {

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.response() instanceof InvokeResponse invoked && invoked.functionError() != null) {
            throw FunctionError.of(invoked.functionError(), invoked.payload() == null ? "" : invoked.payload().asUtf8String());
        }
    }
}
