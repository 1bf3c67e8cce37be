import { JourneyIndex } from '@kizuna/journey';
import { Injectable } from '@nestjs/common';
import { JourneyRepository, type JourneyVersionRecord } from './journey.repository';

export interface RunnableVersion {
  record: JourneyVersionRecord;
  index: JourneyIndex;
}

const MAX_CACHED = 500;

/** Published versions are immutable: each is read and indexed once per process. */
@Injectable()
export class JourneyVersionCache {
  private readonly versions = new Map<number, RunnableVersion>();

  constructor(private readonly journeys: JourneyRepository) {}

  async get(ids: Iterable<number>): Promise<Map<number, RunnableVersion>> {
    const wanted = [...new Set(ids)];
    const missing = wanted.filter((id) => !this.versions.has(id));
    if (missing.length) {
      for (const record of await this.journeys.versionsById(missing)) {
        if (this.versions.size >= MAX_CACHED) this.versions.delete(this.versions.keys().next().value!);
        this.versions.set(record.id, { record, index: new JourneyIndex(record.graph) });
      }
    }
    const found = new Map<number, RunnableVersion>();
    for (const id of wanted) {
      const version = this.versions.get(id);
      if (version) found.set(id, version);
    }
    return found;
  }
}
