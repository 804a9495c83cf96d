const SECRET_NAME = /(PASSWORD|SECRET|TOKEN|_KEY)$/;

/** Hides what must not reach a log: whole values of secret-named variables, passwords inside URLs. */
export function redact(variable: string, value: string): string {
  if (SECRET_NAME.test(variable)) return '<redacted>';
  return value.replace(/(\/\/[^/@:\s]*:)[^/@\s]*@/g, '$1***@');
}
