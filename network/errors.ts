// A refusal the node answers with a 4xx (or a 5xx it means): status, a stable code, and a message that says what
// to do. Thrown by the store and the routes alike; the HTTP layer turns it into the one error shape.
export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}
