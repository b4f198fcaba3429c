-- The language each person reads Nyumba in: pages, emails and SMS ('en' or 'sw'). NULL until
-- they choose; their browser's Accept-Language decides pages until then, English the rest.
ALTER TABLE users ADD COLUMN language CHAR(2) NULL;
