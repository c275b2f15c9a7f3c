/** Calls `fetch` with each NextToken until there is none: the one pagination loop of the paced readers. */
export async function eachPage(fetch: (token: string | undefined) => Promise<string | undefined>): Promise<void> {
  let token: string | undefined;
  do {
    token = await fetch(token);
  } while (token);
}
