import { Global, Module } from '@nestjs/common';
import { ChangeFeed } from './change-feed.store';

/** The process's one ChangeFeed (LISTEN session), for every cache that PostgreSQL's announcements keep true. */
@Global()
@Module({ providers: [ChangeFeed], exports: [ChangeFeed] })
export class ChangeFeedModule {}
