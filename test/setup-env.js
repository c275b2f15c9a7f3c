// Keep aws-cdk-lib's bundled CloudFormation validation off in tests: the package synthesizer turns it
// off itself, and anything else synthesizing in a test should not pay ~10 s per worker for it.
process.env.CDK_VALIDATION = 'false';
// No test may reach AWS: fail fast if a client is created without a mock.
process.env.AWS_REGION = process.env.AWS_REGION || 'us-east-1';
process.env.AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
process.env.AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
// cdk-nag's event-bus rule reads a property aws-cdk-lib marks deprecated; the warning is noise in test output.
process.env.JSII_DEPRECATED = 'quiet';
// The SDK's own "node >=22 after January 2027" notice goes to stderr at the first client a process
// creates, whenever the event loop next turns: the CLI tests assert on stderr, so keep it out of them.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
