/** The residents' consultation pages (HTML, no token), as Hono names them: public paths of the API function. */
export const consultationPagePaths = ['/p/:cityCode/:communityCode/ask', '/p/:cityCode/:communityCode/consultations/:token'] as const;
