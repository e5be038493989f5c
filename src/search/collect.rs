//! Which events a filter without a text matches, in one pass and without scoring: the
//! number of matches, and their addresses while there are no more than a limit (a
//! `Count` and then a scored `TopDocs` walked the matches twice; for facets the order
//! does not matter, the database orders by time).

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// Collects up to `limit` addresses and counts every match.
pub struct Matches {
    pub limit: usize,
}

/// What [`Matches`] found: how many, and the addresses (all of them when `count <= limit`).
pub struct Found {
    pub count: usize,
    pub addresses: Vec<DocAddress>,
}

pub struct SegmentMatches {
    segment: SegmentOrdinal,
    limit: usize,
    found: Found,
}

impl Collector for Matches {
    type Fruit = Found;
    type Child = SegmentMatches;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        _: &SegmentReader,
    ) -> tantivy::Result<SegmentMatches> {
        Ok(SegmentMatches {
            segment,
            limit: self.limit,
            found: Found {
                count: 0,
                addresses: Vec::new(),
            },
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<Found>) -> tantivy::Result<Found> {
        let mut all = Found {
            count: 0,
            addresses: Vec::new(),
        };
        for s in segments {
            all.count += s.count;
            if all.addresses.len() < self.limit {
                all.addresses.extend(s.addresses);
            }
        }
        all.addresses.truncate(self.limit);
        Ok(all)
    }
}

impl SegmentCollector for SegmentMatches {
    type Fruit = Found;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.found.count += 1;
        if self.found.addresses.len() < self.limit {
            self.found
                .addresses
                .push(DocAddress::new(self.segment, doc));
        }
    }

    fn harvest(self) -> Found {
        self.found
    }
}
