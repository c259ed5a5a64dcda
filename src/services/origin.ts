/** The local runtime serves the h5 build too, so the API is on the same origin. */
export const API_BASE = ''
