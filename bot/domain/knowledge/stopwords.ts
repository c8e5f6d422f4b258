/**
 * Words that say nothing about which article is meant: Dutch and English function words and
 * the way people phrase a help question ("hoe kan ik", "lukt niet", "help"). Dropped from both
 * the articles and the questions, so "Hoe deel ik een bestand?" is searched as "deel bestand".
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `aan af al alle alles als altijd ander andere anders ben bij daar dan dat de der deze die dit doe doen door dus
   een eens en er eigenlijk even ga gaan gaat geen gewoon graag had heb hebben heeft hem het hier hij hoe hoi hun
   hoeveel iemand iets ik in is ja je jij jou jouw kan kun kunnen kon krijg krijgen maar mag me mee meer men met mij mijn moet moeten
   mogelijk na naar niet niets nog nou nu of om omdat ons onze ook op over per reeds sinds te tegen toch toen tot
   u uit uw van veel via voor waar waarom wanneer want waren was wat we wel welke werd wie wij wil wilt willen word
   worden wordt zal ze zelf zich zij zijn zo zodat zonder zou zoals
   zie zien vind vinden kijk kijken geef geven doorgeven gekregen ontvangen gebruik gebruiken werkt moment steeds
   help hulp helpen vraag vraagje probleem problemen lukt lukken weet weten hallo dag beste bedankt alsjeblieft aub
   a about an and are as at be by can could do does for from get have how i if in into is it its me my not of on or
   our please should so that the their them then there this to up was we what when where which who why will with
   would you your`.split(/\s+/),
);
