"""Common given names whose bearer's gender is rarely anything else, so that "she" after
"Martina Keller" does not go to a man named next to her.

Names used for both (Alex, Chris, Jamie, Sam, Jordan, Taylor, Morgan, Robin, Jean, Andrea,
Nicola ...) are left out (an entry with "_" is listed only to say so); an honorific, a
gendered role noun or "his"/"her own" is still the stronger signal.
"""

from __future__ import annotations

FEMALE_GIVEN_NAMES = """
    abigail ada adriana agnes aisha alice alicia alison amanda amelia amina amy ana anastasia andrea_f angela
    angelina anita ann anna anne annette antonia barbara beatrice bella bernadette beth bethany brenda
    bridget caitlin camilla carla carmen carol carole caroline catherine cecilia charlotte chloe christina
    christine claire clara claudia colette cora cynthia daisy daniela deborah debbie denise diana diane
    donna dorothy elaine eleanor elena elizabeth ella ellen eloise emily emma erica erika esther eva eve
    evelyn fatima fiona florence frances francesca gabriela gabrielle gemma georgia geraldine gillian
    gloria grace hannah harriet heather helen helena hilary holly imogen ingrid irene isabel isabella
    jacqueline jane janet janice jasmine jennifer jenny jessica jill joan joanna joanne josephine joy
    judith judy julia julie juliet karen kate katherine kathleen kathryn katie kayla kelly kerry kim_f
    kylie laura lauren leah lily linda lisa lois lorraine louise lucia lucy lydia lynn madeleine maggie
    margaret maria marie marina marion martha martina mary maureen megan melanie melissa mia michelle
    miriam molly monica nadia naomi natalia natalie natasha nicole nina nora olga olivia pamela patricia
    paula pauline penelope petra philippa priya rachel rebecca rita rosa rose rosemary ruth sally
    samantha sandra sarah sharon sheila shirley sofia sophie stephanie susan suzanne sylvia tamara tanya
    teresa theresa tracey tracy ursula valerie vanessa vera victoria violet virginia wendy yvonne zoe
    adriana alejandra beatriz carolina catalina claudia cristina daniela elena esperanza fernanda gabriela
    guadalupe ines isabel juana leticia lorena lucia luisa marisol mercedes paola pilar raquel rocio
    rosario silvia valentina ximena yolanda giulia chiara federica francesca alessandra elisa giovanna
    lucrezia simona beatrix brigitte claudine delphine elodie genevieve helene isabelle josephine
    juliette margot marion mathilde nathalie sophie sylvie veronique birgit greta heike ilse ingrid
    jutta karin katrin liesel monika petra sabine ursula astrid freya hanne kirsten liv maja sigrid
    solveig aaliyah aisha amira fatima hana khadija layla leila mariam maryam noor salma yasmin zainab
    zahra abena adaeze amara ayesha chiamaka ngozi nia thandiwe wanjiru zanele anjali deepa divya kavya
    lakshmi meera neha pooja priyanka shreya sunita olena oksana svetlana tatiana yulia natasha irina
    ekaterina anastasia agnieszka katarzyna malgorzata magdalena
    """
MALE_GIVEN_NAMES = """
    aaron adam adrian ahmed alan albert alexander alfred ali andrew angus anthony antonio arthur barry ben
    benjamin bernard bill bob boris brian bruce carl carlos charles christopher colin craig dan daniel
    darren david dennis derek dominic donald douglas duncan edward eric ernest frank fred frederick gareth
    gary geoffrey george gerald giovanni gordon graham greg gregory harry henry howard hugh ian isaac ivan
    jack jacob jake james jason jeffrey jeremy jim joe john jonathan jose joseph juan julian justin keith
    kenneth kevin kofi lars lee_m leonard liam louis luca lucas luka luke malcolm marco mark martin matthew
    michael mike mohamed mohammed muhammad neil nicholas nick nigel oliver omar oscar patrick paul peter
    philip pierre rafael ralph raymond richard robert rodney roger ronald rory roy russell ryan samuel
    scott sean sebastian simon stanley stephen steve steven stuart thomas timothy tom tony trevor victor
    vincent walter wayne william
    alejandro alberto alfonso andres angel antonio armando arturo diego eduardo emilio enrique esteban
    felipe fernando francisco gonzalo guillermo gustavo hector hugo ignacio javier joaquin jorge luis
    manuel marcos mario miguel nicolas pablo pedro rafael ramon raul ricardo roberto rodrigo salvador
    santiago sergio tomas vicente joao diogo goncalo rui tiago alessandro andrea_m davide enrico fabio
    federico francesco gianluca giuseppe lorenzo massimo matteo paolo riccardo roberto salvatore stefano
    alain antoine bernard christophe didier emmanuel etienne francois guillaume jacques jean-pierre
    laurent luc marcel mathieu olivier philippe pierre rene thierry yves dieter florian friedrich gunter
    hans heinrich helmut jens jurgen klaus lukas manfred markus matthias stefan thomas uwe wolfgang anders
    bjorn erik gunnar henrik lars magnus nils olaf sven ahmed ahmad hassan hussein ibrahim karim khaled
    khalid mahmoud mustafa omar rashid saeed tariq youssef yusuf abdullah kwame kofi chinedu emeka femi
    oluwaseun tunde jomo kagiso sipho thabo arjun amit anil ashok deepak rahul rajesh ravi sanjay suresh
    vikram aleksandr alexei andrei dmitri igor mikhail nikolai oleksandr sergei vladimir volodymyr yuri
    piotr tomasz krzysztof jakub wojciech ivor owen rhys gareth dylan
    """
# Given names common in American copy.
AMERICAN_FEMALE_GIVEN_NAMES = """
    hillary nancy kellyanne huma megyn ivanka melania chelsea carly nikki condoleezza madeleine betsy debbie
    dianne kirsten tammy heidi jeanne maxine marsha kristi cathy kathy katy lindsay_f loretta mika hope
    kayleigh dana_f gretchen tulsi kamala stacey stacy brooke erin jodi jody michele shelley susana doris gwen
    joni kelli marcia norah peggy phyllis robin_f roseanne sheryl tina tara toni trish wanda whitney yvette
    rosalind rhonda paulette patty patti mallory mindy lena jeanine jeanette jeannie janine irma ivy hattie
    gina gail faith eileen edith darlene colleen connie cheryl cindy charlene cassandra candace becky beverly
    bonnie april alexandra alexis allison abby arlene audrey bernice betty carolyn crystal dolores ellie ethel
    fran gabby joyce kara karla kristen kristin krista kristina lori lorna lynne mandy marilyn marjorie meghan
    melinda nadine nell opal renee roberta sabrina sonia stella sue sybil terri vicki vickie wilma
    """
AMERICAN_MALE_GIVEN_NAMES = """
    don ted mitch marco bernie jeb chuck newt rand reince corey jared rick rob bobby jimmy joey josh jeff
    jerry larry lindsey_m lou luther marty matt mitt ron ronnie rudy rush rex reggie ray sam_m stan stu
    terry_m tim tommy travis troy wes wesley will willie zach zachary chad clint cory dale darrell dave denny
    dick doug drew dwight earl ed eddie elijah elliot elliott ernie ethan evan frankie gabe gene glenn gus hal
    hank herb herman homer hubert jay jesse jon jonah karl ken kenny kurt lamar lance leon les lloyd lyndon
    max maxwell mel milton morris murray ned nate nathan ned neal norm orrin otis ozzie phil preston quentin
    randy reid reinhold rod rupert sheldon sherrod sid spencer thad todd tucker tyler vern vic wade walt ward
    warren wilbur woody xavier zeke allen alvin andy archie barack barney bart beau bennie bert billy blake
    brad bradley brandon brent brett bud buddy byron calvin cal carlton chester cliff clifford clyde cody
    conrad curt curtis cyrus dalton darryl devin dewey donnie duane dustin dwayne eli elmer elton emmett
    everett floyd forrest franklin garrett gavin gil gilbert grady hakeem harold harvey heath herschel irving
    jerome joel johnny judd kirk kyle lawrence leroy lester lionel lowell mack marvin mason maurice melvin
    merle micah mickey miles mitchell monte nathaniel nelson noel norman ollie orville oswald percy perry pete
    randall reed rich rocco ross royce russ sal seth shane sherman sidney silas skip sonny sylvester terrence
    theodore tobias trent tyrone vince virgil wallace weldon wendell zane
    """
GIVEN_NAME_GENDER = {
    **{n: "m" for n in (MALE_GIVEN_NAMES + AMERICAN_MALE_GIVEN_NAMES).split() if "_" not in n},
    **{n: "f" for n in (FEMALE_GIVEN_NAMES + AMERICAN_FEMALE_GIVEN_NAMES).split() if "_" not in n},
}
# Given names borne by women and men alike: no gender, but still a given name ("Chris Lane: …").
UNISEX_GIVEN_NAMES = frozenset(
    """
    alex chris jamie sam jordan taylor morgan robin jean andrea nicola kim lee lindsay pat terry casey jesse
    dana leslie kerry sandy toni frankie charlie drew jody riley avery quinn cameron dominique
    """.split()
)
# Every given name the lists know, with a gender or not.
GIVEN_NAMES = frozenset(GIVEN_NAME_GENDER) | UNISEX_GIVEN_NAMES
