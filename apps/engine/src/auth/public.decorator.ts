import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'kizuna:isPublic';

/** Marks a route that needs no API key (health, provider webhooks). Every other route is guarded. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
