/**
 * asl-validator (dev dependency) ships JavaScript without declarations: the one function the tests call.
 * https://github.com/ChristopheBougere/asl-validator: `aslValidator(definition, options)`.
 */
declare module 'asl-validator' {
  interface AslValidatorOptions {
    /** Check JSONPath and JSONata expressions. */
    readonly checkPaths?: boolean;
    /** Check that Resource ARNs are well formed. */
    readonly checkArn?: boolean;
  }
  interface AslValidatorResult {
    readonly isValid: boolean;
    readonly errors: readonly { readonly 'Error code': string; readonly Message: string }[];
  }
  function aslValidator(definition: object, options?: AslValidatorOptions): AslValidatorResult;
  export default aslValidator;
}
