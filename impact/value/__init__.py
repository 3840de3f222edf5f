"""Value in euros: a price list kept by CMO STAMM's advisors, valuations of counted results,
and the SROI indication, always as sourced ranges called an indication (never one falsely
precise number). It turns results into a report, so it lives in the reporting layer."""
