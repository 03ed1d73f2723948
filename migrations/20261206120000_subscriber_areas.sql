-- Since 1 July 2025 there is no district level: a subscriber's place is a commune-level unit
-- (xã, phường) from the configured area list. `district` keeps the district-level name a
-- profile made before then holds (a former district, shown as such and used to reach the
-- units that were in it) until the subscriber picks a unit; new profiles leave it empty.

ALTER TABLE subscribers ADD COLUMN area TEXT;               -- a unit's name from the area list
ALTER TABLE subscribers ADD COLUMN area_invited_at INTEGER; -- when a subscriber holding only a former
                                                            -- district was invited to pick a unit (once)
