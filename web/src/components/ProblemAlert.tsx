/** Shows an API error to the user: the problem's detail (or title) and any field errors. */
import { ApiError } from '../api/client';

export function problemMessage(error: unknown): string {
  if (error instanceof ApiError) return error.detail || error.title;
  return error instanceof Error ? error.message : 'Something went wrong.';
}

export function ProblemAlert({ error }: { error: unknown }) {
  const fields = error instanceof ApiError ? error.errors : [];
  return (
    <div className="alert" role="alert">
      <p>{problemMessage(error)}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map((field) => (
            <li key={field.path}>
              {field.path}: {field.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
