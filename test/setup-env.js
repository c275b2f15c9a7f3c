// Keep aws-cdk-lib's bundled CloudFormation validation off in tests: the package synthesizer turns it
// off itself, and anything else synthesizing in a test should not pay ~10 s per worker for it.
process.env.CDK_VALIDATION = 'false';
// No test may reach AWS: fail fast if a client is created without a mock.
process.env.AWS_REGION = process.env.AWS_REGION || 'us-east-1';
process.env.AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
process.env.AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
// Control Tower's landing-zone calls are signed and sent without an SDK client (aws-sdk-client-mock cannot
// stub them): aim them at a closed loopback port, so a test that does not serve them gets "not read"
// at once instead of reaching AWS. Tests that serve them set their own (test/support/fake-control-tower-api.ts).
process.env.AWS_ENDPOINT_URL_CONTROLTOWER = 'http://127.0.0.1:1';
// cdk-nag's event-bus rule reads a property aws-cdk-lib marks deprecated; the warning is noise in test output.
process.env.JSII_DEPRECATED = 'quiet';
// The AWS SDK's notice that its 2027 releases need Node.js 22 (bin/root-guard.js turns it off for users
// the same way); on Node 20 it would print once per test file that creates a client.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// Text reports fit COLUMNS when stdout is not a terminal (src/render/fit-width.ts): tests that assert
// whole lines read them unwrapped, whatever the shell that ran jest exported; the width tests set it.
delete process.env.COLUMNS;
// Every aws-sdk-client-mock stub is kept, so the CLI tests can check each command's SDK calls against the
// IAM policy of that command (test/support/sdk-call-recorder.ts, iam/). Installed when a test file first
// loads aws-sdk-client-mock, so the others do not load sinon (~150 ms each).
jest.doMock('aws-sdk-client-mock', () => {
  require('./support/sdk-call-recorder').installSdkCallRecorder(jest.requireActual('sinon'));
  return jest.requireActual('aws-sdk-client-mock');
});
