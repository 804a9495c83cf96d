/**
 * Whether NATS `subject` matches `pattern` (`*` one token, `>` one or more trailing tokens), as the
 * server decides which subscription gets a message. nats.js keeps its matcher internal; this is
 * the few lines of the rule, for telling apart the topics one consumer serves.
 */
export function subjectMatches(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const s = subject.split('.');
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '>') return s.length > i;
    if (i >= s.length || (p[i] !== '*' && p[i] !== s[i])) return false;
  }
  return p.length === s.length;
}
