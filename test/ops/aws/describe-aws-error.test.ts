import { AccessDeniedException, TooManyRequestsException } from '@aws-sdk/client-organizations';
import { NoSuchEntityException } from '@aws-sdk/client-iam';
import { AuthorizationErrorException, NotFoundException } from '@aws-sdk/client-sns';
import { describeAwsError, unreadReason } from '../../../src/ops/aws/describe-aws-error';

describe('describeAwsError', () => {
  test.each([
    ['Organizations AccessDeniedException', new AccessDeniedException({ message: 'denied', $metadata: {} }), 'access-denied'],
    ['SNS AuthorizationError', new AuthorizationErrorException({ message: 'not authorized', $metadata: {} }), 'access-denied'],
    ['an S3 HEAD 403 without a body', Object.assign(new Error('UnknownError'), { name: 'Forbidden', $metadata: { httpStatusCode: 403 } }), 'access-denied'],
    ['Organizations TooManyRequestsException', new TooManyRequestsException({ message: 'slow down', $metadata: {} }), 'throttled'],
    ['a bare HTTP 429', Object.assign(new Error('x'), { name: 'Unknown', $metadata: { httpStatusCode: 429 } }), 'throttled'],
    ['IAM NoSuchEntity', new NoSuchEntityException({ message: 'The role cannot be found.', $metadata: {} }), 'not-found'],
    ['SNS NotFound', new NotFoundException({ message: 'Topic does not exist', $metadata: {} }), 'not-found'],
    ['no credentials in the chain', Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }), 'credentials'],
    ['an expired SSO token', Object.assign(new Error('The security token included in the request is expired'), { name: 'ExpiredTokenException' }), 'credentials'],
    ['anything else', new Error('socket hang up'), 'other'],
  ])('classifies %s', (_label, err, kind) => {
    expect(describeAwsError(err).kind).toBe(kind);
  });

  test('keeps the code and the first line of the message', () => {
    expect(describeAwsError(new NoSuchEntityException({ message: 'The role with name X cannot be found.\nmore', $metadata: {} })))
      .toEqual({ kind: 'not-found', code: 'NoSuchEntityException', message: 'The role with name X cannot be found.' });
  });
});

describe('unreadReason', () => {
  test('tells the user what to do for each kind', () => {
    expect(unreadReason({ kind: 'access-denied', code: 'AccessDeniedException', message: '' })).toMatch(/management account's credentials/);
    expect(unreadReason({ kind: 'throttled', code: 'ThrottlingException', message: '' })).toMatch(/where the command has --concurrency, lower it/);
    expect(unreadReason({ kind: 'credentials', code: 'CredentialsProviderError', message: '' })).toMatch(/AWS_PROFILE|aws sso login/);
    expect(unreadReason({ kind: 'other', code: 'InternalFailure', message: 'boom' })).toBe('InternalFailure: boom');
  });
});
